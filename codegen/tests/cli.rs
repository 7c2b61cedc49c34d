//! The command line as users meet it: exit codes, messages with
//! file:line:column, no partial writes, freshness checks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(kind: &str, name: &str) -> PathBuf {
    root().join("tests/fixtures").join(kind).join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Generating from a bad spec fails with `file:line:column`, writes nothing.
fn assert_rejected(file: &str, expected: &[&str]) {
    let spec = fixture("bad", file);
    let out = temp_dir(file);
    let output = run(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for part in expected {
        assert!(message.contains(part), "expected `{part}` in:\n{message}");
    }
    assert!(!message.contains("panicked"), "{message}");
    assert!(!out.exists(), "nothing may be written for a bad spec");
}

#[test]
fn yaml_syntax_error_names_the_position() {
    assert_rejected("syntax.yaml", &["syntax.yaml:4:", "error[yaml]"]);
}

#[test]
fn unknown_key_names_the_position_and_the_expected_keys() {
    assert_rejected(
        "unknown_key.yaml",
        &[
            "unknown_key.yaml:5:14",
            "unknown field `max_lenght`",
            "max_length",
        ],
    );
}

#[test]
fn unknown_type_reference_suggests_the_close_name() {
    assert_rejected(
        "unknown_type.yaml",
        &[
            "unknown_type.yaml:27:22",
            "unknown type `PositiveInteger`",
            "did you mean `PositiveInt`?",
        ],
    );
}

#[test]
fn duplicate_names_are_errors() {
    assert_rejected(
        "duplicate_method.yaml",
        &["duplicate_method.yaml:6:3", "duplicate mapping key: A"],
    );
}

#[test]
fn names_that_collide_after_case_conversion_are_errors() {
    assert_rejected(
        "collision.yaml",
        &[
            "collision.yaml:24:11: error[name-collision]: `fooBar` and `foo_bar` both become the Rust field `foo_bar`",
            "collision.yaml:25:7: error[name-collision]: methods `getThing` and `get_thing` both need the Rust name `get_thing`",
        ],
    );
}

#[test]
fn required_if_and_paging_name_parameters_that_exist() {
    assert_rejected(
        "required_if.yaml",
        &[
            "required_if.yaml:25:27: error[required-if]: `required_if` of `id` names `nam`, which is not a parameter here",
            "help: did you mean `name`?",
            "required_if.yaml:26:11: error[contradiction]: `name` is always `required`, so `required_if` says nothing",
            "error[paging]: `paging.page` names `page`, which is not a parameter of `get`",
            "error[paging]: `paging.items` names `items`, which `get` does not return",
        ],
    );
}

#[test]
fn contradictory_constraints_are_errors() {
    let spec = fixture("bad", "bad_constraint.yaml");
    let dir = temp_dir("constraint-api");
    std::fs::create_dir_all(&dir).unwrap();
    // A library is only checked through an API that uses it.
    let api = dir.join("api.yaml");
    let library = dir.join("bad_constraint.yaml");
    std::fs::copy(&spec, &library).unwrap();
    let source = std::fs::read_to_string(fixture("bad", "unknown_type.yaml"))
        .unwrap()
        .replace("hostapi: 1\n", "hostapi: 1\nuses: [bad_constraint.yaml]\n")
        .replace("PositiveInteger", "Short")
        .replace("name: unknown_type", "name: constraint_api");
    std::fs::write(&api, source).unwrap();
    let out = dir.join("out");
    let output = run(&[
        "generate",
        "--spec",
        api.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("bad_constraint.yaml:5:"), "{message}");
    assert!(
        message.contains("max_length 3 is below min_length 5"),
        "{message}"
    );
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_spec_is_an_error_not_a_panic() {
    let output = run(&[
        "generate",
        "--spec",
        "/nonexistent/spec.yaml",
        "--out",
        "/tmp/never",
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("/nonexistent/spec.yaml: error[io]: cannot read"),
        "{message}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["generate", "--spec"]).status.code(), Some(2));
    assert_eq!(run(&["crate", "--spec", "x"]).status.code(), Some(2));
}

#[test]
fn a_failed_generation_leaves_existing_output_untouched() {
    let out = temp_dir("untouched");
    let good = fixture("specs", "wire_json.yaml");
    let first = run(&[
        "generate",
        "--spec",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = std::fs::read_to_string(out.join("wire_json/mod.rs")).unwrap();
    let bad = fixture("bad", "unknown_type.yaml");
    let second = run(&[
        "generate",
        "--spec",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(out.join("wire_json/mod.rs")).unwrap(),
        before
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn check_names_stale_and_missing_files() {
    let out = temp_dir("check");
    let spec = fixture("specs", "wire_form.yaml");
    let (spec, out_str) = (spec.to_str().unwrap(), out.to_str().unwrap());
    assert!(
        run(&["generate", "--spec", spec, "--out", out_str])
            .status
            .success()
    );
    let fresh = run(&["check", "--spec", spec, "--out", out_str]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));

    std::fs::write(out.join("wire_form/hosting.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out.join("wire_form/types.rs")).unwrap();
    std::fs::write(out.join("wire_form/leftover.rs"), "\n").unwrap();
    let stale = run(&["check", "--spec", spec, "--out", out_str]);
    let message = stderr(&stale);
    assert_eq!(stale.status.code(), Some(1), "{message}");
    assert!(
        message.contains("wire_form/hosting.rs (changed)"),
        "{message}"
    );
    assert!(
        message.contains("wire_form/types.rs (missing)"),
        "{message}"
    );
    assert!(
        message.contains("wire_form/leftover.rs (no longer generated)"),
        "{message}"
    );

    // Regenerating repairs all three.
    assert!(
        run(&["generate", "--spec", spec, "--out", out_str])
            .status
            .success()
    );
    assert!(
        run(&["check", "--spec", spec, "--out", out_str])
            .status
            .success()
    );
    assert!(!out.join("wire_form/leftover.rs").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn generate_prints_a_one_line_summary() {
    let out = temp_dir("summary");
    let output = run(&[
        "generate",
        "--spec",
        root().join("spec").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("generated 4 APIs, 37 sections, 160 methods, "),
        "{text}"
    );
    assert!(text.contains(" ms"), "{text}");
    let _ = std::fs::remove_dir_all(&out);
}
