//! The semver impact `diff` claims is never lower than what
//! cargo-semver-checks finds in the generated crates: for every rule case
//! (one edit to base.yaml each), both sides are written as standalone crates
//! with the generator's `crate` command and compared.
//!
//! Slow (rustdoc JSON per crate, minutes per case on 2 cores), so it runs
//! only when `HOSTAPI_SEMVER_CORPUS=1` is set and cargo-semver-checks is
//! installed, and otherwise says it was skipped;
//! `scripts/diff-semver-corpus.sh` installs the tool and runs this test.

mod diff_cases;

use std::path::{Path, PathBuf};
use std::process::Command;

use hostapi_codegen::diff::Impact;

fn installed() -> bool {
    Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes the spec text as a crate at `dir` with the generator's CLI.
fn write_crate(spec: &str, dir: &Path) {
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
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The bump cargo-semver-checks says the new crate needs: from its
/// "Summary" line.
fn semver_checks(old: &Path, new: &Path, target: &Path) -> Result<Option<Impact>, String> {
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
    Ok(if summary.contains("new major version") {
        Some(Impact::Major)
    } else if summary.contains("new minor version") {
        Some(Impact::Minor)
    } else if summary.contains("no semver update required") {
        None
    } else {
        return Err(format!("unexpected summary: {summary}"));
    })
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
    let root: PathBuf =
        std::env::temp_dir().join(format!("hostapi-diff-semver-{}", std::process::id()));
    let target = root.join("target");
    let base = diff_cases::base();
    let cases = diff_cases::cases();
    assert!(cases.len() >= 40, "the corpus needs at least 40 edits");
    let only = std::env::var("HOSTAPI_SEMVER_CASES").ok();
    let mut failures = Vec::new();
    let mut results = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|r| r == case.rule))
        {
            continue;
        }
        let (old, new) = case.sides(&base);
        let claimed = diff_cases::compare(&old, &new).impact();
        let dir = root.join(format!("{i:02}-{}", case.rule));
        write_crate(&old, &dir.join("old"));
        write_crate(&new, &dir.join("new"));
        match semver_checks(&dir.join("old"), &dir.join("new"), &target) {
            Ok(found) => {
                let shown = |i: Option<Impact>| i.map_or("none", Impact::as_str);
                results.push(format!(
                    "{:28} claimed {:5} found {}",
                    case.rule,
                    shown(claimed),
                    shown(found)
                ));
                if found > claimed {
                    failures.push(format!(
                        "{}: claimed {}, cargo-semver-checks found {}",
                        case.rule,
                        shown(claimed),
                        shown(found)
                    ));
                }
            }
            Err(error) => failures.push(format!("{}: {error}", case.rule)),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("{}", results.join("\n"));
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
