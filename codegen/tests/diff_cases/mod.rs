//! The diff-rule fixtures: base.yaml and the single-change edits of
//! cases.yaml, shared by the rule tests and the cargo-semver-checks corpus.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hostapi_codegen::diff::{self, Comparison};
use hostapi_codegen::spec::load;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub find: String,
    pub replace: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub rule: String,
    pub level: String,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default)]
    pub old: Vec<Edit>,
    #[serde(default)]
    pub new: Vec<Edit>,
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

pub fn base() -> String {
    std::fs::read_to_string(dir().join("base.yaml")).expect("base.yaml")
}

pub fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.yaml")).expect("cases.yaml");
    serde_saphyr::from_str(&text).expect("cases.yaml parses")
}

/// `base` with `edits` made; each `find` must occur exactly once, so a
/// case cannot silently stop changing anything.
pub fn edited(base: &str, edits: &[Edit], rule: &str) -> String {
    let mut text = base.to_string();
    for edit in edits {
        let count = text.matches(edit.find.as_str()).count();
        assert_eq!(count, 1, "{rule}: `{}` occurs {count} times", edit.find);
        text = text.replacen(edit.find.as_str(), &edit.replace, 1);
    }
    text
}

impl Case {
    /// The old and the new spec text.
    pub fn sides(&self, base: &str) -> (String, String) {
        (
            edited(base, &self.old, &self.rule),
            edited(base, &self.new, &self.rule),
        )
    }
}

/// Compares two spec texts, as `old/shop.yaml` and `new/shop.yaml`.
pub fn compare(old: &str, new: &str) -> Comparison {
    try_compare(old, new).unwrap_or_else(|e| panic!("{e}"))
}

/// [`compare`], or why a side does not check.
pub fn try_compare(old: &str, new: &str) -> Result<Comparison, String> {
    let old = load::load_source_lenient(Path::new("old/shop.yaml"), old.as_bytes());
    let new = load::load_source_lenient(Path::new("new/shop.yaml"), new.as_bytes());
    diff::diff_loaded(old, new).map_err(|invalid| {
        let shown: Vec<String> = invalid.diagnostics.iter().map(|d| d.to_string()).collect();
        format!("a side does not check:\n{}", shown.join("\n"))
    })
}
