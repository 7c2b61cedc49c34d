//! Lint rules: what each sees ([`FileContext`]) and how it reports
//! ([`Findings`]). A rule is one function in its own module (one concept
//! each), registered with its metadata in [`super::registry::RULES`].
//!
//! To add a rule: write `pub const RULE: Rule` and its check function in a
//! new module here, add the module below and the constant to the table, and
//! add fixtures under `codegen/tests/lint/fixtures/<rule-id>/`.

pub mod long_name;
pub mod missing_doc;
pub mod naming;
pub mod phrase;
pub mod secret_name;
pub mod trait_method_name;
pub mod unused_type;

use std::collections::BTreeMap;
use std::path::Path;

use super::registry::Rule;
use crate::diag::Diagnostic;
use crate::ir::Checked;
use crate::spec::load::{LoadedFile, SpecSet, resolve_use};
use crate::spec::span::Pos;

/// A section's Rust module, as the checker names it: its `rust_name`, else
/// its name in snake_case.
pub(crate) fn section_module(name: &str, section: &crate::spec::model::Section) -> String {
    match &section.rust_name {
        Some(rust) => rust.value.clone(),
        None => crate::naming::snake(name),
    }
}

/// A lint rule's check: reads one file, reports into `findings`.
pub type Check = fn(&FileContext<'_>, &mut Findings<'_>);

/// What a rule sees: the file it checks and the whole run.
pub struct FileContext<'a> {
    pub file: &'a LoadedFile,
    pub set: &'a SpecSet,
    /// The checker's results over the whole set.
    pub checked: &'a Checked,
    pub index: &'a Index<'a>,
}

/// Facts about the whole set that several rules need, computed once.
#[derive(Default)]
pub struct Index<'a> {
    /// For each file reached through `uses`, the API files that reach it
    /// (directly or through other libraries).
    pub users: BTreeMap<&'a Path, Vec<&'a Path>>,
}

impl<'a> Index<'a> {
    pub fn new(set: &'a SpecSet) -> Self {
        let mut users: BTreeMap<&'a Path, Vec<&'a Path>> = BTreeMap::new();
        for (path, file) in &set.files {
            if file.spec.api.is_none() {
                continue;
            }
            let mut seen: Vec<&'a Path> = Vec::new();
            let mut stack: Vec<&'a Path> = vec![path.as_path()];
            while let Some(from) = stack.pop() {
                let Some(from_file) = set.files.get(from) else {
                    continue;
                };
                for used in &from_file.spec.uses {
                    let target = resolve_use(from, &used.value);
                    if let Some((key, _)) = set.files.get_key_value(&target)
                        && !seen.contains(&key.as_path())
                    {
                        seen.push(key.as_path());
                        stack.push(key.as_path());
                    }
                }
            }
            for library in seen {
                users.entry(library).or_default().push(path.as_path());
            }
        }
        Index { users }
    }
}

/// Where a rule's findings go.
pub struct Findings<'a> {
    rule: &'static Rule,
    file: &'a Path,
    found: Vec<Diagnostic>,
    skipped: bool,
}

impl<'a> Findings<'a> {
    pub fn new(rule: &'static Rule, file: &'a Path) -> Self {
        Findings {
            rule,
            file,
            found: Vec::new(),
            skipped: false,
        }
    }

    /// Reports a finding of this rule at `pos`, with its one-line message and
    /// its help.
    pub fn report(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        self.found.push(
            Diagnostic::new(self.rule.id, self.rule.severity, self.file, pos, message)
                .with_help(help),
        );
    }

    /// Says the rule could not judge this file (it depends on results that
    /// errors prevented), so allowances of it are not reported as unused.
    pub fn skip(&mut self) {
        self.skipped = true;
    }

    pub fn skipped(&self) -> bool {
        self.skipped
    }

    pub fn into_findings(self) -> Vec<Diagnostic> {
        self.found
    }
}
