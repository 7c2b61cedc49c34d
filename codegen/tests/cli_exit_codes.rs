//! The exit codes `--help` documents, for every command: 0 success (and
//! `--help`, `-h`, `--version`), 1 spec errors, stale files or findings,
//! 2 usage or I/O errors. Drives the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn path(relative: &str) -> String {
    root().join(relative).to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn show(output: &Output) -> String {
    format!(
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_code(args: &[&str], code: i32) -> Output {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}\n{}",
        show(&output)
    );
    output
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-exit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const COMMANDS: &[&[&str]] = &[
    &[],
    &["generate"],
    &["check"],
    &["crate"],
    &["schema"],
    &["lint"],
    &["import"],
    &["import", "liquidweb-docs"],
    &["completions"],
];

#[test]
fn help_on_every_command_exits_0_and_documents_the_exit_codes() {
    for command in COMMANDS {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = command.iter().copied().chain([flag]).collect();
            let output = assert_code(&args, 0);
            let help = String::from_utf8_lossy(&output.stdout);
            assert!(help.contains("Usage: hostapi-codegen"), "{args:?}\n{help}");
            for line in [
                "Exit status:",
                "0  success",
                "1  spec errors",
                "2  usage or I/O",
            ] {
                assert!(help.contains(line), "{args:?} lacks `{line}`:\n{help}");
            }
            assert!(output.stderr.is_empty(), "{args:?}\n{}", show(&output));
        }
    }
    assert_code(&["help", "crate"], 0);
}

#[test]
fn version_exits_0() {
    let output = assert_code(&["--version"], 0);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("hostapi-codegen {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bash_completions_name_every_command() {
    let output = assert_code(&["completions", "bash"], 0);
    let script = String::from_utf8_lossy(&output.stdout);
    for command in [
        "generate",
        "check",
        "crate",
        "schema",
        "lint",
        "import",
        "liquidweb-docs",
        "completions",
    ] {
        assert!(script.contains(command), "`{command}` missing:\n{script}");
    }
    assert!(script.contains("--runtime-path") && script.contains("--fail-on"));
    assert_code(&["completions", "tcsh"], 2);
    assert_code(&["completions"], 2);
}

#[test]
fn usage_errors_exit_2_for_every_command() {
    assert_code(&[], 2);
    for command in COMMANDS.iter().filter(|c| !c.is_empty()) {
        let args: Vec<&str> = command.iter().copied().chain(["--frobnicate"]).collect();
        let output = assert_code(&args, 2);
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("--frobnicate"),
            "{}",
            show(&output)
        );
    }
}

#[test]
fn generate_and_check_exit_0_1_and_2() {
    let dir = temp("generate");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    let spec = path("tests/fixtures/specs/constraints.yaml");
    let bad = path("tests/fixtures/bad/unknown_type.yaml");
    assert_code(&["generate", "--spec", &bad, "--out", out], 1);
    assert_code(&["check", "--spec", &bad, "--out", out], 1);
    assert_code(&["generate", "--spec", &spec, "--out", out], 0);
    assert_code(&["check", "--spec", &spec, "--out", out], 0);
    std::fs::write(dir.join("out/constraints/mod.rs"), "// edited\n").unwrap();
    assert_code(&["check", "--spec", &spec, "--out", out], 1);
    let missing = dir.join("missing.yaml");
    let missing = missing.to_str().unwrap();
    assert_code(&["generate", "--spec", missing, "--out", out], 2);
    assert_code(&["check", "--spec", &spec, "--out", out, "--force"], 2);
    // A file where the output folder goes: an I/O error.
    let file = dir.join("file");
    std::fs::write(&file, "mine\n").unwrap();
    assert_code(
        &["generate", "--spec", &spec, "--out", file.to_str().unwrap()],
        2,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn crate_exits_0_1_and_2() {
    let dir = temp("crate");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    let spec = path("tests/fixtures/specs/constraints.yaml");
    let bad = path("tests/fixtures/bad/unknown_type.yaml");
    let base = ["crate", "--spec", &spec, "--out", out, "--name", "my-api"];
    let with = |extra: &[&'static str]| -> Vec<String> {
        base.iter()
            .copied()
            .chain(extra.iter().copied())
            .map(String::from)
            .collect()
    };
    let code = |args: Vec<String>| {
        run(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .status
            .code()
    };
    assert_eq!(code(with(&["--rust-version", "1.89\"\n[x]"])), Some(2));
    assert_eq!(code(with(&["--license", "MIT\"]"])), Some(2));
    assert_eq!(code(with(&["--description", "two\nlines"])), Some(2));
    assert_eq!(
        code(with(&["--runtime-path", "/nonexistent/runtime"])),
        Some(2)
    );
    assert_code(
        &["crate", "--spec", &spec, "--out", out, "--name", "1bad"],
        2,
    );
    assert_code(&["crate", "--spec", &spec, "--out", out], 2);
    assert!(
        !Path::new(out).exists(),
        "nothing is written on a usage error"
    );
    assert_code(
        &["crate", "--spec", &bad, "--out", out, "--name", "my-api"],
        1,
    );
    assert_eq!(
        code(with(&["--rust-version", "1.90", "--license", "MIT"])),
        Some(0)
    );
    // A file it did not write, in its way: refused.
    std::fs::write(dir.join("out/Cargo.toml"), "[package]\n").unwrap();
    assert_eq!(code(with(&[])), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_exits_0_and_2() {
    let dir = temp("schema");
    let file = dir.join("schema.json");
    assert_code(&["schema", "--out", file.to_str().unwrap()], 0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"$schema\"")
    );
    // Under a file: cannot be written.
    let under = file.join("schema.json");
    assert_code(&["schema", "--out", under.to_str().unwrap()], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_exits_0_1_and_2() {
    assert_code(&["lint", &path("tests/fixtures/specs/constraints.yaml")], 0);
    assert_code(&["lint", &path("tests/fixtures/bad/unknown_type.yaml")], 1);
    assert_code(&["lint", "/nonexistent/spec"], 2);
    assert_code(&["lint", "--fail-on", "fatal"], 2);
}

#[test]
fn import_exits_0_1_and_2() {
    let docs = path("spec/liquidweb/source/docs-v1.json");
    let spec = path("spec/liquidweb/v1.yaml");
    assert_code(
        &["import", "liquidweb-docs", &docs, "--out", &spec, "--check"],
        0,
    );
    let dir = temp("import");
    let drifted = dir.join("v1.yaml");
    let text = std::fs::read_to_string(&spec).unwrap() + "# drift\n";
    std::fs::write(&drifted, text).unwrap();
    let overlay = path("spec/liquidweb/v1.overlay.yaml");
    let drifted = drifted.to_str().unwrap();
    assert_code(
        &[
            "import",
            "liquidweb-docs",
            &docs,
            "--out",
            drifted,
            "--overlay",
            &overlay,
            "--check",
        ],
        1,
    );
    assert_code(
        &[
            "import",
            "liquidweb-docs",
            "/nonexistent.json",
            "--out",
            drifted,
        ],
        2,
    );
    assert_code(&["import", "liquidweb-docs", &docs], 2);
    assert_code(&["import", "openapi", &docs, "--out", drifted], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--out` names where to write, not permission to destroy: a file there
/// that is not this command's earlier output is replaced only with --force.
#[test]
fn schema_and_import_replace_only_their_own_output_without_force() {
    let dir = temp("named-out");
    let users = "{\"the user's\": true}\n";

    let schema = dir.join("schema.json");
    std::fs::write(&schema, users).unwrap();
    let schema_arg = schema.to_str().unwrap();
    let refused = assert_code(&["schema", "--out", schema_arg], 2);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--force"),
        "{}",
        show(&refused)
    );
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), users);
    assert_code(&["schema", "--out", schema_arg, "--force"], 0);
    let written = std::fs::read_to_string(&schema).unwrap();
    assert!(written.contains("\"$schema\""), "{written}");
    // Its own earlier output is replaced without --force.
    std::fs::write(
        &schema,
        written.replace("format version 1\"", "format version 1\" "),
    )
    .unwrap();
    assert_code(&["schema", "--out", schema_arg], 0);
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), written);

    let docs = path("spec/liquidweb/source/docs-v1.json");
    // The overlay sits beside the output, as the importer requires.
    for file in ["v1.overlay.yaml", "types.yaml"] {
        std::fs::copy(path(&format!("spec/liquidweb/{file}")), dir.join(file)).unwrap();
    }
    let spec = dir.join("v1.yaml");
    let spec_arg = spec.to_str().unwrap();
    let import = |force: bool| {
        let mut args = vec!["import", "liquidweb-docs", docs.as_str(), "--out", spec_arg];
        if force {
            args.push("--force");
        }
        run(&args)
    };
    std::fs::write(&spec, "# my notes\n").unwrap();
    let refused = import(false);
    assert_eq!(refused.status.code(), Some(2), "{}", show(&refused));
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), "# my notes\n");
    let forced = import(true);
    assert_eq!(forced.status.code(), Some(0), "{}", show(&forced));
    let imported = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, imported.clone() + "# drift\n").unwrap();
    let again = import(false);
    assert_eq!(again.status.code(), Some(0), "{}", show(&again));
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), imported);
    let _ = std::fs::remove_dir_all(&dir);
}
