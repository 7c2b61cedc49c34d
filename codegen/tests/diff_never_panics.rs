//! `diff` never panics: any two specs of the fixture corpus compared either
//! way, any mix of the rule cases' edits, and every spec compared with
//! itself, which must report nothing. Every finding names a registered rule
//! and renders in every format.

mod diff_cases;

use std::path::{Path, PathBuf};

use hostapi_codegen::diff::render::{Format, render};
use hostapi_codegen::diff::{self, Level};
use hostapi_codegen::spec::load;
use proptest::prelude::*;

/// Every spec of the fixture corpus, with its text.
fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = Vec::new();
    for dir in ["tests/fixtures/specs", "codegen/tests/fixtures/diff"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with("cases.yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                specs.push((path, text));
            }
        }
    }
    specs.sort();
    specs
}

/// Compares the texts (as old/NAME and new/NAME) and checks the result.
fn check(name: &str, old: &str, new: &str) -> Option<diff::Comparison> {
    let old = load::load_source_lenient(&Path::new("old").join(name), old.as_bytes());
    let new = load::load_source_lenient(&Path::new("new").join(name), new.as_bytes());
    let comparison = diff::diff_loaded(old, new).ok()?;
    for f in &comparison.findings {
        assert!(diff::rule(f.rule).is_some(), "unregistered `{}`", f.rule);
        assert!(f.old.is_some() || f.new.is_some(), "{f:?}");
        assert!(!f.message.contains('\n'), "{f:?}");
    }
    for name in Format::NAMES {
        let out = render(&comparison, Format::from_name(name).unwrap(), Level::Info);
        if matches!(name, "json" | "sarif") {
            serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
        }
    }
    Some(comparison)
}

#[test]
fn every_spec_compared_with_itself_reports_nothing() {
    for (path, text) in corpus() {
        let name = path.file_name().unwrap().to_string_lossy();
        if let Some(comparison) = check(&name, &text, &text) {
            assert!(
                comparison.findings.is_empty(),
                "{name}: {:?}",
                comparison.findings
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_two_corpus_specs(a in 0usize..64, b in 0usize..64) {
        let specs = corpus();
        let (a, b) = (&specs[a % specs.len()], &specs[b % specs.len()]);
        check("spec.yaml", &a.1, &b.1);
    }

    #[test]
    fn any_mix_of_case_edits(old in prop::collection::vec(any::<bool>(), 80), new in prop::collection::vec(any::<bool>(), 80)) {
        let base = diff_cases::base();
        let cases = diff_cases::cases();
        // Edits whose text an earlier edit changed are skipped.
        let apply = |chosen: &[bool]| {
            let mut text = base.clone();
            for (case, _) in cases.iter().zip(chosen).filter(|(_, c)| **c) {
                for edit in case.new.iter().chain(&case.old) {
                    if text.matches(edit.find.as_str()).count() == 1 {
                        text = text.replacen(edit.find.as_str(), &edit.replace, 1);
                    }
                }
            }
            text
        };
        let (old, new) = (apply(&old), apply(&new));
        let comparison = check("shop.yaml", &old, &new);
        if old == new {
            prop_assert!(comparison.is_none_or(|c| c.findings.is_empty()));
        }
    }
}
