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
fn token_sessions_and_error_lists_are_checked() {
    assert_rejected(
        "session.yaml",
        &[
            "session.yaml:17:17: error[session]: the session method `Auth/tokne` is not a method of this API",
            "did you mean `Auth/token`?",
            "session.yaml:30:7: error[name-collision]: this error field would be named `raw`",
            "session.yaml:38:26: error[error-list]: `error_list` (nested errors) is only for fields of documented errors",
        ],
    );
    assert_rejected(
        "session_fields.yaml",
        &[
            "session_fields.yaml:18:19: error[session]: the token replaces `user`, which must be a secret credential",
            "session_fields.yaml:19:16: error[session]: `token` names `tok`, which `Auth/token` does not return",
            "session_fields.yaml:20:18: error[session]: `expires` names `expiry`",
            "session_fields.yaml:21:24: error[session]: `timeout_param` names `ttl`, which `Auth/token` does not take",
            "session_fields.yaml:22:23: error[session]: `idle_timeout` must be between 1 and `max_idle_timeout` (600), not 0",
        ],
    );
}

#[test]
fn names_that_collide_after_case_conversion_are_errors() {
    assert_rejected(
        "collision.yaml",
        &[
            "collision.yaml:24:11: error[name-collision]: `fooBar` and `foo_bar` both become the Rust field `foo_bar`",
            "collision.yaml:25:7: error[name-collision]: method `get_thing` needs the Rust name `get_thing`, like the method `getThing`",
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
fn numbered_parameter_series_are_checked_where_written() {
    assert_rejected(
        "series.yaml",
        &[
            "series.yaml:29:11: error[series]: a `series` parameter's name holds `{n}` once, where the number goes (like `NS{n}`); `NS` does not",
            "series.yaml:34:37: error[series]: `Alt{n}` takes at most 0 values: `max` is 1 or more",
            "series.yaml:21:9: error[series]: `Part{n}`: a numbered `series` is for a method's parameters, not an object's fields",
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
    // An I/O error, as for `lint`.
    assert_eq!(output.status.code(), Some(2), "{message}");
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

    // Edited below the @generated header: still ours to overwrite.
    let hosting = out.join("wire_form/hosting.rs");
    let edited = std::fs::read_to_string(&hosting).unwrap() + "// edited by hand\n";
    std::fs::write(&hosting, edited).unwrap();
    std::fs::remove_file(out.join("wire_form/types.rs")).unwrap();
    // A file generated once (listed in the manifest) that no spec makes now,
    // and a user's file, which is neither stale nor removed.
    std::fs::write(
        out.join("wire_form/leftover.rs"),
        "// @generated by hostapi-codegen from gone.yaml.\n",
    )
    .unwrap();
    let manifest = out.join(".hostapi-generated");
    let listed = std::fs::read_to_string(&manifest).unwrap() + "wire_form/leftover.rs\n";
    std::fs::write(&manifest, listed).unwrap();
    std::fs::write(out.join("wire_form/mine.rs"), "\n").unwrap();
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
    assert!(!message.contains("mine.rs"), "{message}");

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
    assert!(out.join("wire_form/mine.rs").exists());
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
        text.starts_with("generated 4 APIs, 67 sections, 322 methods, "),
        "{text}"
    );
    assert!(text.contains(" ms"), "{text}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn vocabulary_mistakes_are_each_reported_where_they_occur() {
    assert_rejected(
        "vocabulary.yaml",
        &[
            "vocabulary.yaml:19:",
            "error[bad-pattern]",
            "`pattern` is not a valid regular expression",
            "vocabulary.yaml:22:",
            "`at_least` must be 1 to 4 (the number of classes listed), got 5",
            "`negative: true` allows a '-' that `positive: true` forbids",
            "vocabulary.yaml:28:",
            "max_fraction_digits 2 is below min_fraction_digits 3",
            "`currency` must be one character other than a digit, '-' or '.', got `USD`",
            "union `LoneUnion` needs at least two member types",
            "union `SelfUnion` cannot contain itself",
            "union `TwiceUnion` lists `BadPattern` twice",
            "an object needs at least one field",
            "use either `min` (0) or `above` (0), not both",
            "PEM label `certificate` must be capital letters",
            "unknown type `PortNumbr`",
        ],
    );
}
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn lint_defaults_to_spec_and_passes_the_bundled_specs_at_warning() {
    let output = run_in(&root(), &["lint", "--fail-on", "warning"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    // Info findings remain: v1's wire names mix cases because the vendor's do;
    // and hints: v1's two `clone` methods are renamed `clone_server`.
    let summary = text.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("5 files: 0 errors, 0 warnings, ")
            && summary.ends_with("(passes at --fail-on warning)"),
        "{text}"
    );
    assert!(
        text.lines()
            .filter(|l| l.starts_with("info[") || l.starts_with("hint["))
            .all(|l| l.starts_with("info[mixed-wire-case]")
                || l.starts_with("hint[trait-method-name]: method `clone` is `clone_server`")),
        "{text}"
    );
    let renamed = text
        .lines()
        .filter(|l| l.starts_with("hint[trait-method-name]"))
        .count();
    assert_eq!(renamed, 2, "{text}");
}

#[test]
fn lint_exit_status_follows_the_threshold() {
    // One warning (secret-name) and nothing worse.
    let spec = root().join("codegen/tests/lint/fixtures/secret-name/bad.yaml");
    let spec = spec.to_str().unwrap();
    assert_eq!(run(&["lint", spec]).status.code(), Some(0));
    assert_eq!(
        run(&["lint", spec, "--fail-on", "error"]).status.code(),
        Some(0)
    );
    let failed = run(&["lint", spec, "--fail-on", "warning"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stdout(&failed).contains("warning[secret-name]"));
    assert_eq!(
        run(&["lint", "--fail-on", "info", spec]).status.code(),
        Some(1)
    );
    // Errors fail at the default threshold.
    let bad = fixture("bad", "unknown_type.yaml");
    assert_eq!(run(&["lint", bad.to_str().unwrap()]).status.code(), Some(1));
    // Info fails only at info.
    let info = root().join("codegen/tests/lint/fixtures/mixed-wire-case/bad.yaml");
    let info = info.to_str().unwrap();
    assert_eq!(
        run(&["lint", info, "--fail-on", "warning"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["lint", info, "--fail-on", "info"]).status.code(),
        Some(1)
    );
}

#[test]
fn lint_of_an_unreadable_path_exits_2() {
    let output = run(&["lint", "/nonexistent/spec", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["findings"][0]["rule"], "io");
    assert_eq!(report["findings"][0]["start"], serde_json::Value::Null);
    assert!(stderr(&output).contains("could not be read"));
}

#[test]
fn lint_of_a_directory_without_specs_exits_2() {
    let dir = temp_dir("no-specs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "not a spec\n").unwrap();
    let output = run(&["lint", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no spec files"),
        "{}",
        stderr(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_usage_errors_exit_2() {
    for args in [
        &["lint", "--format"][..],
        &["lint", "--format", "xml"],
        &["lint", "--fail-on", "fatal"],
        &["lint", "--frobnicate"],
        &["lint", "--format", "json", "--format", "text"],
        &["lint", "--explain", "no-such-rule"],
        &["lint", "--explain", "yaml", "spec"],
        &["lint", "--explain", "yaml", "--list-rules"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
    let typo = run(&["lint", "--explain", "secret-names"]);
    assert!(stderr(&typo).contains("did you mean `secret-name`?"));
}

#[test]
fn every_rule_can_be_explained_and_listed() {
    let list = stdout(&run(&["lint", "--list-rules"]));
    for rule in hostapi_codegen::lint::RULES {
        let output = run(&["lint", "--explain", rule.id]);
        assert_eq!(output.status.code(), Some(0), "{}", rule.id);
        let text = stdout(&output);
        assert!(text.starts_with(&format!("{} (", rule.id)), "{text}");
        assert!(
            text.contains("Why: ") && text.contains("How to fix: "),
            "{text}"
        );
        assert!(
            list.lines()
                .any(|l| l.starts_with(&format!("{} ", rule.id))),
            "`{}` is not listed",
            rule.id
        );
    }
}

#[test]
fn lint_writes_every_format() {
    let spec = root().join("codegen/tests/lint/showcase.yaml");
    let spec = spec.to_str().unwrap();
    for format in ["text", "json", "sarif", "github", "junit"] {
        let output = run(&["lint", spec, "--format", format, "--fail-on", "error"]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(stdout(&output).contains("unknown-type"), "{format}");
    }
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read as _;
    use std::process::Stdio;
    // More findings than a pipe buffers, so the writer meets the hang-up.
    let dir = temp_dir("pipe");
    std::fs::create_dir_all(&dir).unwrap();
    let mut spec = String::from("hostapi: 1\ntypes:\n");
    for i in 0..3000 {
        spec.push_str(&format!("  T{i}: {{doc: \"No kind.\"}}\n"));
    }
    std::fs::write(dir.join("lib.yaml"), spec).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(["lint", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up, as `| head -c1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some(), "killed by a signal");
    let _ = std::fs::remove_dir_all(&dir);
}
