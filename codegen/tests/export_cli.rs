//! `hostapi-codegen export openapi` as users meet it: standard output by
//! default, `--api` to pick one of several APIs, and `--out` that replaces
//! only an earlier export unless `--force`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_one_api_spec_goes_to_standard_output() {
    let spec = root().join("spec/sivehost.yaml");
    let output = run(&["export", "openapi", "--spec", spec.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["x-hostapi-module"], "sivehost");
}

#[test]
fn several_apis_need_api_and_an_unknown_one_is_named() {
    let spec = root().join("spec");
    let spec = spec.to_str().unwrap();
    let output = run(&["export", "openapi", "--spec", spec]);
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(
        message.contains("--api") && message.contains("enom"),
        "{message}"
    );
    assert!(output.stdout.is_empty());

    let output = run(&["export", "openapi", "--spec", spec, "--api", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no API `nope`"));

    let output = run(&["export", "openapi", "--spec", spec, "--api", "enom"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("\"x-hostapi-module\": \"enom\""));
}

#[test]
fn out_replaces_only_an_earlier_export_unless_forced() {
    let dir = temp_dir("out");
    let file = dir.join("enom.json");
    let spec = root().join("spec/enom.yaml");
    let spec = spec.to_str().unwrap();
    let out = file.to_str().unwrap();

    std::fs::write(&file, "my notes\n").unwrap();
    let output = run(&["export", "openapi", "--spec", spec, "--out", out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes\n");

    let output = run(&["export", "openapi", "--spec", spec, "--out", out, "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.starts_with("{\n  \"openapi\": \"3.1.0\""));

    // An earlier export is ours to replace.
    let output = run(&["export", "openapi", "--spec", spec, "--out", out]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_spec_exits_1_with_its_position() {
    let spec = root().join("tests/fixtures/bad/unknown_key.yaml");
    let output = run(&["export", "openapi", "--spec", spec.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("unknown_key.yaml:"));
    assert!(output.stdout.is_empty());
}
