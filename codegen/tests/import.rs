//! `hostapi-codegen import liquidweb-docs` on a small fixture: what it
//! writes, what it reports, `--check`, and bad input.

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

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A directory holding the fixture docs, its overlay and the Liquid Web
/// type catalogue, as an import expects them.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = root().join("tests/fixtures/import");
    std::fs::copy(fixtures.join("docs.json"), dir.join("docs.json")).unwrap();
    std::fs::copy(
        fixtures.join("api.overlay.yaml"),
        dir.join("api.overlay.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("spec/liquidweb/types.yaml"),
        dir.join("types.yaml"),
    )
    .unwrap();
    dir
}

fn import(dir: &Path, extra: &[&str]) -> Output {
    let docs = dir.join("docs.json");
    let out = dir.join("api.yaml");
    let mut args = vec![
        "import",
        "liquidweb-docs",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn import_writes_a_checked_spec_and_reports_what_it_could_not_map() {
    let dir = workspace("writes");
    let output = import(&dir, &[]);
    let stderr = text_of(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for expected in [
        "unmapped[unknown-type] Network/DNS/Record create: returns `mystery`: type `NO_SUCH_TYPE` has no `vendor_name` in the catalogue; written as `json`",
        "unmapped[required-if-unknown] Network/DNS/Record create: param `zone_id`: `required_if` condition `accnt` is absent names no sibling",
        "recorded[no-trim] Network/DNS/Record create: param `ssl_key`",
        "interpreted[keys-matching] Monitoring/Services status",
        "interpreted[overlay-differs] Account/Auth token",
        "import report: unmapped: 2 (required-if-unknown 1, unknown-type 1); recorded: 1 (no-trim 1); interpreted: 2 (keys-matching 1, overlay-differs 1)",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
    let spec = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    for expected in [
        // The overlay's transcription wins, with the differences noted.
        "docs.json does not list the parameter `login_context`.",
        // Nested structures become object types; required_if is kept.
        "  RecordCreateRegionOverride:\n    doc: \"One item of `Network/DNS/Record/create` parameter `region_overrides[]`.\"",
        "        region:\n          type: TextGeneral\n          required_if:\n            region_id: null",
        // Secrets, enums, empty values, lists and maps.
        "          ssl_key:\n            type: PrivateKey\n            secret: true",
        "  RecordType:\n    doc: \"One of: 'A', 'MX'\"\n    enum:\n      values:\n        - A\n        - MX",
        "          ip:\n            type: IpDec\n            allow_empty: true",
        "        paging:\n          page: page_num\n          items: items\n          page_total: page_total",
        "        returns_map: ServicesStatusMap",
        // Verbatim text, tabs included.
        "    doc: |-\n      Resource records.\n\n      Indented:\n      \tzone_id: the zone.",
    ] {
        assert!(spec.contains(expected), "expected `{expected}` in:\n{spec}");
    }

    // The same input gives byte-identical output, and the file is left alone.
    let again = import(&dir, &[]);
    assert!(again.status.success());
    assert!(
        text_of(&again.stdout).contains("(unchanged)"),
        "{}",
        text_of(&again.stdout)
    );
    assert_eq!(std::fs::read_to_string(dir.join("api.yaml")).unwrap(), spec);

    // What it wrote generates a client.
    let out = dir.join("generated");
    let generated = run(&[
        "generate",
        "--spec",
        dir.join("api.yaml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(generated.status.success(), "{}", text_of(&generated.stderr));
    let records = std::fs::read_to_string(out.join("imported/network_dns_record.rs")).unwrap();
    assert!(records.contains("        pages list_all -> "), "{records}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_names_the_first_difference_and_writes_nothing() {
    let dir = workspace("check");
    assert!(import(&dir, &[]).status.success());
    let ok = import(&dir, &["--check"]);
    assert!(ok.status.success(), "{}", text_of(&ok.stderr));
    assert!(text_of(&ok.stdout).contains("is up to date with"));

    let path = dir.join("api.yaml");
    let committed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: Imported API", "title: Hand-edited API");
    std::fs::write(&path, &committed).unwrap();
    let drift = import(&dir, &["--check"]);
    let stderr = text_of(&drift.stderr);
    assert_eq!(drift.status.code(), Some(1), "{stderr}");
    let line = committed
        .lines()
        .position(|l| l.contains("Hand-edited"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!(
            "api.yaml:{line}: differs from a fresh import (1 line(s) differ)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("- committed:   title: Hand-edited API"),
        "{stderr}"
    );
    assert!(
        stderr.contains("+ imported:    title: Imported API"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), committed);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_a_positioned_error_and_nothing_is_written() {
    let dir = workspace("bad");
    let docs = dir.join("docs.json");
    std::fs::write(&docs, "{\n  \"A\": {\n    \"__description\" 1\n").unwrap();
    let output = import(&dir, &[]);
    let stderr = text_of(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("docs.json:3:21: error[json]"), "{stderr}");
    assert!(!dir.join("api.yaml").exists());

    std::fs::write(
        &docs,
        r#"{"A": {"__description": "d", "__methods": {"m": {"__description": 7}}}}"#,
    )
    .unwrap();
    let output = import(&dir, &[]);
    let stderr = text_of(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            r#"error[shape] at $.A.__methods.m.__description: expected a string, found a number"#
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!dir.join("api.yaml").exists());

    // A mistake in the overlay is reported at the overlay's own line.
    std::fs::copy(root().join("tests/fixtures/import/docs.json"), &docs).unwrap();
    let overlay = dir.join("api.overlay.yaml");
    let text = std::fs::read_to_string(&overlay).unwrap();
    let line = text.lines().position(|l| l.contains("type: Hash")).unwrap() + 1;
    std::fs::write(&overlay, text.replace("type: Hash", "type: Hashh")).unwrap();
    let output = import(&dir, &[]);
    let stderr = text_of(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "api.overlay.yaml:{line}:19: error[unknown-type]: unknown type `Hashh`"
        )),
        "{stderr}"
    );
    assert!(!dir.join("api.yaml").exists());

    std::fs::remove_file(dir.join("api.overlay.yaml")).unwrap();
    let output = import(&dir, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text_of(&output.stderr).contains("api.overlay.yaml: error[overlay]: no overlay here"));
    let _ = std::fs::remove_dir_all(&dir);
}
