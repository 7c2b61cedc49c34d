//! `hostapi-codegen diff` end to end: exit codes, `--fail-on`, severity
//! overrides, `--explain`, `--crate-version`, invalid sides, and `--base`
//! against a real git repository. Drives the real binary.

mod diff_cases;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("hostapi-diff-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, relative: &str, text: &str) -> String {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_in(dir: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"));
    command.arg("diff").args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("the binary runs")
}

fn expect(output: &Output, code: i32) -> (String, String) {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

/// base.yaml as old, and base.yaml with `find` replaced as new.
fn pair(scratch: &Scratch, find: &str, replace: &str) -> (String, String) {
    let base = diff_cases::base();
    assert_eq!(base.matches(find).count(), 1);
    let old = scratch.write("old/shop.yaml", &base);
    let new = scratch.write("new/shop.yaml", &base.replacen(find, replace, 1));
    (old, new)
}

#[test]
fn breaking_changes_fail_at_the_default_threshold() {
    let scratch = Scratch::new("breaking");
    let (old, new) = pair(&scratch, "          coupon: {type: string}\n", "");
    let (stdout, _) = expect(&run_in(None, &[&old, &new]), 1);
    assert!(
        stdout.contains("breaking[param-removed] major request"),
        "{stdout}"
    );
    assert!(stdout.contains("old/shop.yaml:"), "{stdout}");
}

#[test]
fn info_passes_unless_fail_on_says_otherwise() {
    let scratch = Scratch::new("info");
    let (old, new) = pair(
        &scratch,
        "coupon: {type: string}",
        "coupon: {type: string, rust_name: voucher}",
    );
    let (stdout, _) = expect(&run_in(None, &[&old, &new]), 0);
    assert!(stdout.contains("rust-name-changed"), "{stdout}");
    expect(&run_in(None, &[&old, &new, "--fail-on", "info"]), 1);
}

#[test]
fn a_config_file_changes_levels_or_turns_rules_off() {
    let scratch = Scratch::new("config");
    let (old, new) = pair(&scratch, "          coupon: {type: string}\n", "");
    let off = scratch.write("off.yaml", "diff:\n  severities:\n    param-removed: off\n");
    let (stdout, _) = expect(&run_in(None, &[&old, &new, "--config", &off]), 0);
    assert!(!stdout.contains("param-removed"), "{stdout}");
    let info = scratch.write(
        "info.yaml",
        "diff:\n  severities:\n    param-removed: info\n",
    );
    let (stdout, _) = expect(&run_in(None, &[&old, &new, "--config", &info]), 0);
    assert!(stdout.contains("info[param-removed]"), "{stdout}");
    let typo = scratch.write("typo.yaml", "diff:\n  severities:\n    param-remove: off\n");
    let (_, stderr) = expect(&run_in(None, &[&old, &new, "--config", &typo]), 2);
    assert!(stderr.contains("did you mean `param-removed`"), "{stderr}");
}

#[test]
fn explain_describes_both_directions() {
    let (stdout, _) = expect(&run_in(None, &["--explain", "enum-value-added"]), 0);
    assert!(
        stdout.contains("In a request:  info (semver major)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("In a response: breaking (semver major)"),
        "{stdout}"
    );
    let (_, stderr) = expect(&run_in(None, &["--explain", "enum-value-add"]), 2);
    assert!(
        stderr.contains("did you mean `enum-value-added`"),
        "{stderr}"
    );
    let (stdout, _) = expect(&run_in(None, &["--list-rules"]), 0);
    assert_eq!(stdout.lines().count(), hostapi_codegen::diff::RULES.len());
}

#[test]
fn a_crate_version_that_does_not_rise_enough_is_a_finding() {
    let scratch = Scratch::new("version");
    let (old, new) = pair(&scratch, "          coupon: {type: string}\n", "");
    let args = [
        old.as_str(),
        new.as_str(),
        "--crate-version",
        "1.4.0",
        "1.5.0",
    ];
    let (stdout, _) = expect(&run_in(None, &args), 1);
    assert!(stdout.contains("version-not-bumped"), "{stdout}");
    let args = [
        old.as_str(),
        new.as_str(),
        "--crate-version",
        "1.4.0",
        "2.0.0",
    ];
    let (stdout, _) = expect(&run_in(None, &args), 1);
    assert!(!stdout.contains("version-not-bumped"), "{stdout}");
}

#[test]
fn an_invalid_side_is_reported_as_lint_would_with_the_side_named() {
    let scratch = Scratch::new("invalid");
    let (old, new) = pair(
        &scratch,
        "coupon: {type: string}",
        "coupon: {type: Nowhere}",
    );
    let (stdout, _) = expect(&run_in(None, &[&old, &new]), 1);
    assert!(
        stdout.contains("error[unknown-type]: (new side)"),
        "{stdout}"
    );
    let missing = scratch.0.join("missing").to_string_lossy().into_owned();
    expect(&run_in(None, &[&missing, &new]), 2);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.test",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn base_compares_the_working_tree_with_a_git_ref() {
    let scratch = Scratch::new("base");
    let base = diff_cases::base();
    scratch.write("spec/shop.yaml", &base);
    git(&scratch.0, &["init", "-q"]);
    git(&scratch.0, &["add", "."]);
    git(&scratch.0, &["commit", "-q", "-m", "base"]);
    let (stdout, _) = expect(&run_in(Some(&scratch.0), &["--base", "HEAD"]), 0);
    assert!(stdout.contains("no changes"), "{stdout}");
    scratch.write(
        "spec/shop.yaml",
        &base.replace("          coupon: {type: string}\n", ""),
    );
    let (stdout, _) = expect(
        &run_in(Some(&scratch.0), &["--base", "HEAD", "--format", "github"]),
        1,
    );
    assert!(stdout.contains("::error file=spec/shop.yaml"), "{stdout}");
    assert!(stdout.contains("old: HEAD:spec/shop.yaml:"), "{stdout}");
    let (_, stderr) = expect(&run_in(Some(&scratch.0), &["--base", "no-such-ref"]), 2);
    assert!(
        stderr.contains("git ref `no-such-ref` does not exist"),
        "{stderr}"
    );
    // The working tree is untouched.
    assert!(
        !std::fs::read_to_string(scratch.0.join("spec/shop.yaml"))
            .unwrap()
            .contains("coupon")
    );
}
