//! The semver impact `diff` claims is never lower than what
//! cargo-semver-checks finds in the generated crates: for every rule case
//! (one edit to base.yaml each), both sides are written as standalone crates
//! with the generator's `crate` command and compared.
//!
//! Slow (two rustdoc JSON builds per case, about 20 s each on 2 cores), so
//! it runs only when `HOSTAPI_SEMVER_CORPUS=1` is set and cargo-semver-checks
//! is installed, and otherwise says it was skipped;
//! `scripts/diff-semver-corpus.sh` installs the tool and runs this test.
//! All cases run in this one process and share one cargo target folder that
//! outlives the run (under cargo's test scratch folder), so the runtime and
//! its dependencies are built once, not once per case or per run.

mod diff_cases;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use hostapi_codegen::diff::Impact;

fn installed() -> bool {
    Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes the spec text as a crate at `dir` with the generator's CLI.
fn write_crate(spec: &str, dir: &Path) -> Result<(), String> {
    let spec_path = dir.with_extension("yaml");
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(&spec_path, spec).unwrap();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let output = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(["crate", "--name", "shop-client", "--force", "--spec"])
        .arg(&spec_path)
        .arg("--out")
        .arg(dir)
        .arg("--runtime-path")
        .arg(&runtime)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// What cargo-semver-checks found: the bump the new crate needs and the
/// lints that failed.
struct Found {
    impact: Option<Impact>,
    lints: Vec<String>,
}

/// The bump cargo-semver-checks says the new crate needs, from its
/// "Summary" line, and the lints behind it, from its "--- failure" lines.
fn semver_checks(old: &Path, new: &Path, target: &Path) -> Result<Found, String> {
    let output = Command::new("cargo")
        .args(["semver-checks", "check-release", "--manifest-path"])
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| e.to_string())?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = text
        .lines()
        .find(|l| l.trim_start().starts_with("Summary"))
        .ok_or_else(|| format!("no Summary line:\n{text}"))?;
    let impact = if summary.contains("new major version") {
        Some(Impact::Major)
    } else if summary.contains("new minor version") {
        Some(Impact::Minor)
    } else if summary.contains("no semver update required") {
        None
    } else {
        return Err(format!("unexpected summary: {summary}"));
    };
    let lints = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--- failure "))
        .map(|l| l.split(':').next().unwrap_or(l).to_string())
        .collect();
    Ok(Found { impact, lints })
}

/// Runs one case: both sides as crates under `dir`, compared.
fn run_case(old: &str, new: &str, dir: &Path, target: &Path) -> Result<Found, String> {
    write_crate(old, &dir.join("old"))?;
    write_crate(new, &dir.join("new"))?;
    semver_checks(&dir.join("old"), &dir.join("new"), target)
}

#[test]
fn claimed_impact_is_never_below_cargo_semver_checks() {
    if std::env::var_os("HOSTAPI_SEMVER_CORPUS").is_none() {
        eprintln!(
            "SKIPPED: set HOSTAPI_SEMVER_CORPUS=1 (scripts/diff-semver-corpus.sh does) to run the cargo-semver-checks corpus"
        );
        return;
    }
    if !installed() {
        eprintln!(
            "SKIPPED: cargo-semver-checks is not installed; scripts/diff-semver-corpus.sh installs it and runs this test"
        );
        return;
    }
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let root: PathBuf = scratch.join(format!("diff-semver-{}", std::process::id()));
    let target = scratch.join("diff-semver-target");
    let started = Instant::now();
    let base = diff_cases::base();
    let cases = diff_cases::cases();
    assert!(cases.len() >= 40, "the corpus needs at least 40 edits");
    let only = std::env::var("HOSTAPI_SEMVER_CASES").ok();
    let mut failures = Vec::new();
    let mut results = Vec::new();
    let shown = |i: Option<Impact>| i.map_or("none", Impact::as_str);
    for (i, case) in cases.iter().enumerate() {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|r| r == case.rule))
        {
            continue;
        }
        let case_started = Instant::now();
        let (old, new) = case.sides(&base);
        let claimed = diff_cases::compare(&old, &new).impact();
        let dir = root.join(format!("{i:02}-{}", case.rule));
        let line = match run_case(&old, &new, &dir, &target) {
            Ok(found) => {
                if found.impact > claimed {
                    failures.push(format!(
                        "{}: claimed {}, cargo-semver-checks found {} ({})",
                        case.rule,
                        shown(claimed),
                        shown(found.impact),
                        found.lints.join(", ")
                    ));
                }
                format!(
                    "{:28} claimed {:5} found {:5} ({} s) {}",
                    case.rule,
                    shown(claimed),
                    shown(found.impact),
                    case_started.elapsed().as_secs(),
                    found.lints.join(", ")
                )
            }
            Err(error) => {
                failures.push(format!("{}: {error}", case.rule));
                format!("{:28} error", case.rule)
            }
        };
        eprintln!("{line}");
        results.push(line);
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{} cases, {} failed, in {} s:\n{}",
        results.len(),
        failures.len(),
        started.elapsed().as_secs(),
        results.join("\n")
    );
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
