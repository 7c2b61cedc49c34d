//! `hostapi-codegen lint`: every rule against a fixture that triggers it and
//! one that does not, "lint first" against `generate`, the bundled specs, and
//! snapshots of every output format.
//!
//! Fixtures live in `tests/lint/fixtures/<rule-id>/`: `bad.yaml` (or a
//! directory `bad/` when the rule needs several files) and `good.yaml` (or
//! `good/`). A bad fixture marks each finding it must produce with a comment
//! on the finding's line, `# expect: RULE` (several separated by commas); it
//! must produce exactly those. A good fixture must produce nothing at all.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint::{self, RULES, format::Format};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    manifest().join("tests/lint/fixtures")
}

/// `<dir>/<kind>.yaml`, `<dir>/<kind>.overlay.yaml` (an import overlay,
/// linted when named), or the directory `<dir>/<kind>/`.
fn input(dir: &Path, kind: &str) -> Option<PathBuf> {
    let file = dir.join(format!("{kind}.yaml"));
    let overlay = dir.join(format!("{kind}.overlay.yaml"));
    let sub = dir.join(kind);
    if file.is_file() {
        Some(file)
    } else if overlay.is_file() {
        Some(overlay)
    } else if sub.is_dir() {
        Some(sub)
    } else {
        None
    }
}

fn yaml_files(input: &Path) -> Vec<PathBuf> {
    if input.is_file() {
        return vec![input.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(input)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

type Expected = BTreeSet<(PathBuf, u32, String)>;

/// The `# expect: …` marks of every file of `input`.
fn expectations(input: &Path) -> Expected {
    let mut out = BTreeSet::new();
    for file in yaml_files(input) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let Some((_, marks)) = line.split_once("# expect: ") else {
                continue;
            };
            for mark in marks.split(',') {
                let line_no = u32::try_from(i + 1).unwrap();
                out.insert((file.clone(), line_no, mark.trim().to_string()));
            }
        }
    }
    out
}

fn found(report: &lint::Report) -> Expected {
    report
        .findings
        .iter()
        .map(|d| (d.file.clone(), d.pos.line, d.code.to_string()))
        .collect()
}

fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_rule_has_a_triggering_and_a_clean_fixture() {
    for rule in RULES {
        // An unreadable path cannot be a checked-in fixture; cli.rs covers it.
        // No spec may reach `generate` (it means a check is missing); the
        // lint module's unit test covers it with a corrupted IR.
        // A file name with a control character cannot be checked in either;
        // file_names.rs makes one in a temporary folder.
        if rule.id == "io" || rule.id == "generate" || rule.id == "file-name" {
            continue;
        }
        let dir = fixtures().join(rule.id);
        assert!(
            input(&dir, "bad").is_some(),
            "no bad fixture for `{}`",
            rule.id
        );
        assert!(
            input(&dir, "good").is_some(),
            "no good fixture for `{}`",
            rule.id
        );
    }
    for dir in rule_dirs() {
        assert!(
            lint::rule(&name(&dir)).is_some(),
            "fixture directory {} names no rule",
            dir.display()
        );
    }
}

#[test]
fn bad_fixtures_produce_exactly_the_findings_they_mark() {
    let mut failures = Vec::new();
    for dir in rule_dirs() {
        let rule = name(&dir);
        let bad = input(&dir, "bad").unwrap();
        let expected = expectations(&bad);
        assert!(
            expected.iter().any(|(_, _, r)| *r == rule),
            "{} marks no `{rule}` finding",
            bad.display()
        );
        let report = lint::lint_paths(std::slice::from_ref(&bad));
        let actual = found(&report);
        if actual != expected {
            let text = lint::format::render(&report, Format::Text, Severity::Error);
            failures.push(format!(
                "{}:\n  missing: {:?}\n  unexpected: {:?}\n{text}",
                bad.display(),
                expected.difference(&actual).collect::<Vec<_>>(),
                actual.difference(&expected).collect::<Vec<_>>(),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_fixtures_lint_clean() {
    let mut failures = Vec::new();
    for dir in rule_dirs() {
        let good = input(&dir, "good").unwrap();
        let report = lint::lint_paths(std::slice::from_ref(&good));
        if !report.findings.is_empty() {
            failures.push(lint::format::render(&report, Format::Text, Severity::Error));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every input `generate` rejects, lint rejects too: the repository's bad
/// specs, and every lint fixture, bad or good.
#[test]
fn lint_reports_an_error_wherever_generate_fails() {
    let mut inputs: Vec<PathBuf> = yaml_files(&manifest().join("../tests/fixtures/bad"));
    for dir in rule_dirs() {
        inputs.extend(input(&dir, "bad"));
        inputs.extend(input(&dir, "good"));
    }
    inputs.push(manifest().join("tests/lint/showcase.yaml"));
    let mut generate_failed = 0;
    for path in &inputs {
        let report = lint::lint_paths(std::slice::from_ref(path));
        match hostapi_codegen::generate(path) {
            Err(hostapi_codegen::Error::Spec(diagnostics)) => {
                generate_failed += 1;
                assert!(
                    report.count(Severity::Error) > 0,
                    "generate fails on {} but lint reports no error:\n{diagnostics}",
                    path.display()
                );
                // Every error generate reports is among lint's findings.
                for d in &diagnostics.0 {
                    assert!(
                        report
                            .findings
                            .iter()
                            .any(|f| f.code == d.code && f.pos == d.pos && f.file == d.file),
                        "lint misses generate's `{d}`"
                    );
                }
            }
            Err(other) => panic!("{}: {other}", path.display()),
            Ok(_) => {}
        }
    }
    // The test means something only if generate does fail on many inputs.
    assert!(
        generate_failed >= 25,
        "only {generate_failed} inputs failed"
    );
}

#[test]
fn findings_are_registered_positioned_and_helpful() {
    let mut inputs = vec![manifest().join("../tests/fixtures/bad")];
    inputs.extend(rule_dirs().iter().filter_map(|d| input(d, "bad")));
    let report = lint::lint_paths(&inputs);
    assert!(report.findings.len() > 50);
    for d in &report.findings {
        let rule = lint::rule(d.code).unwrap_or_else(|| panic!("`{}` is not registered", d.code));
        assert_eq!(d.severity, rule.severity, "{d}");
        assert!(d.pos.is_known(), "{d}");
        let end = d.end.unwrap_or_else(|| panic!("no end: {d}"));
        assert!((end.line, end.column) > (d.pos.line, d.pos.column), "{d}");
        assert!(d.help.as_deref().is_some_and(|h| !h.is_empty()), "{d}");
        assert!(!d.message.contains('\n'), "message is not one line: {d}");
    }
}

#[test]
fn every_rule_explains_itself() {
    let mut ids = BTreeSet::new();
    for rule in RULES {
        assert!(ids.insert(rule.id), "`{}` is registered twice", rule.id);
        assert!(
            rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "`{}` is not kebab-case",
            rule.id
        );
        for (what, text) in [
            ("summary", rule.summary),
            ("rationale", rule.rationale),
            ("fix", rule.fix),
        ] {
            assert!(text.len() > 20, "`{}` has no real {what}", rule.id);
        }
        let explained = rule.explain();
        assert!(explained.starts_with(rule.id), "{explained}");
        assert!(explained.contains("Why: "), "{explained}");
        assert!(explained.contains("How to fix: "), "{explained}");
        assert!(
            explained.lines().all(|l| l.chars().count() <= 79),
            "{explained}"
        );
    }
}

#[test]
fn the_docs_list_every_rule() {
    let docs = std::fs::read_to_string(manifest().join("../docs/lint.md")).unwrap();
    for rule in RULES {
        let row = format!("| `{}` | {} |", rule.id, rule.severity);
        assert!(docs.contains(&row), "docs/lint.md lacks the row `{row} …`");
    }
}

#[test]
fn the_bundled_specs_lint_clean_at_warning() {
    let report = lint::lint_paths(&[manifest().join("../spec")]);
    assert!(
        !report.fails(Severity::Warning),
        "{}",
        lint::format::render(&report, Format::Text, Severity::Warning)
    );
    assert_eq!(report.files.len(), 5);
}

#[test]
fn a_file_that_is_not_utf8_is_reported_where_it_breaks() {
    let report = lint::lint_source(Path::new("bad.yaml"), b"hostapi: 1\napi:\n  name: \xff\n");
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    let d = &report.findings[0];
    assert_eq!((d.code, d.pos.line, d.pos.column), ("yaml", 3, 9));
}

/// Snapshots of one spec with several findings in every format. Paths are
/// relative (tests run in the package directory) so snapshots hold no
/// machine paths.
fn showcase(format: Format) -> String {
    let report = lint::lint_paths(&[PathBuf::from("tests/lint/showcase.yaml")]);
    assert!(report.findings.len() >= 5);
    lint::format::render(&report, format, Severity::Warning)
}

#[test]
fn text_output() {
    insta::assert_snapshot!("lint_text", showcase(Format::Text));
}

#[test]
fn json_output() {
    let text = showcase(Format::Json);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    insta::assert_snapshot!("lint_json", text);
}

#[test]
fn sarif_output() {
    let text = showcase(Format::Sarif);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), RULES.len());
    for result in value["runs"][0]["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    insta::assert_snapshot!("lint_sarif", text);
}

#[test]
fn github_output() {
    let text = showcase(Format::Github);
    for line in text.lines() {
        assert!(line.starts_with("::"), "{line}");
        assert!(!line.contains('\r'));
    }
    insta::assert_snapshot!("lint_github", text);
}

#[test]
fn junit_output() {
    insta::assert_snapshot!("lint_junit", showcase(Format::Junit));
}
