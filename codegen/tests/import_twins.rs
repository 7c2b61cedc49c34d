//! `import liquidweb-docs` with an overlay section that is a `twin_of` an
//! imported one (today's name of a 2013 section): written as a twin, so
//! the loader gives it the imported section's methods, additions included;
//! a twin of a section the source lacks, or named like one it has, is a
//! `twin-of` error at the overlay's line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOCS: &str = r#"{
  "Storm/Config": {
    "__description": "Server configurations.",
    "__methods": {
      "details": {
        "__description": "Reads one configuration.",
        "__input": {"id": {"type": "POSITIVE_INT", "required": 1}},
        "__output": {"description": {"type": "LAXWORDS"}}
      }
    }
  }
}"#;

const OVERLAY_HEAD: &str = "hostapi: 1
uses:
  - types.yaml

api:
  name: imported
  title: Imported API
  version: v1
  base_url: https://api.example.test/v1
  credentials:
    username:
      doc: \"The user.\"
    password:
      doc: \"The password.\"
      secret: true
  wire:
    http_method: post
    method_name: path
    params: {json: {envelope: params}}
    auth:
      basic: {username: username, password: password}
    response: json
    error: {field_present: {field: error_class, message: full_message}}

sections:
  Storm/Config:
    doc: \"\"
    methods:
      details:
        doc: \"\"
        additions: true
        returns:
          retired:
            type: NonNegInt
            optional: true
";

fn workspace(name: &str, twin: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hostapi-import-twins-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("docs.json"), DOCS).unwrap();
    std::fs::write(
        dir.join("api.overlay.yaml"),
        format!("{OVERLAY_HEAD}{twin}"),
    )
    .unwrap();
    let types = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/liquidweb/types.yaml");
    std::fs::copy(types, dir.join("types.yaml")).unwrap();
    dir
}

fn import(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args([
            "import",
            "liquidweb-docs",
            dir.join("docs.json").to_str().unwrap(),
            "--out",
            dir.join("api.yaml").to_str().unwrap(),
        ])
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const TWIN: &str = "  Cloud/Config:
    doc: \"Today's name of Storm/Config.\"
    twin_of: Storm/Config
";

#[test]
fn a_twin_is_written_as_one_and_gets_the_imported_methods_with_additions() {
    let dir = workspace("written", TWIN);
    let output = import(&dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let spec = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    assert!(
        spec.ends_with(
            "  Cloud/Config:\n    doc: \"Today's name of Storm/Config.\"\n    twin_of: Storm/Config\n"
        ),
        "{spec}"
    );
    // Loaded, the twin has the imported method with the overlay's addition.
    let loaded = hostapi_codegen::spec::load::load_file(&dir.join("api.yaml")).unwrap();
    let twin = loaded.spec.sections.get("Cloud/Config").unwrap();
    let details = twin.methods.get("details").unwrap();
    assert!(details.returns.get("retired").is_some());
    assert!(details.returns.get("description").is_some());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_twin_of_a_section_the_source_lacks_is_an_error_at_the_overlay_line() {
    let dir = workspace(
        "unknown",
        &TWIN.replace("twin_of: Storm/Config", "twin_of: Storm/Configs"),
    );
    let output = import(&dir);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(
            "api.overlay.yaml:38:14: error[twin-of]: section `Cloud/Config` is a `twin_of` \
             `Storm/Configs`, which the source does not have"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("api.yaml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_twin_named_like_a_source_section_is_an_error() {
    let dir = workspace(
        "source",
        "  Storm/Backup:\n    doc: \"\"\n    twin_of: Storm/Config\n",
    );
    std::fs::write(
        dir.join("docs.json"),
        DOCS.replacen(
            "{\n  \"Storm/Config\"",
            "{\n  \"Storm/Backup\": {\"__description\": \"Backups.\", \"__methods\": {}},\n  \"Storm/Config\"",
            1,
        ),
    )
    .unwrap();
    let output = import(&dir);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(
            "error[twin-of]: section `Storm/Backup` is in the source, so it cannot be a \
             `twin_of` `Storm/Config`"
        ),
        "{}",
        stderr(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_overlay_twin_that_declares_methods_is_an_error() {
    let dir = workspace(
        "declared",
        &format!("{TWIN}    methods:\n      details:\n        doc: \"Again.\"\n"),
    );
    let output = import(&dir);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("error[twin-of]: section `Cloud/Config` is a `twin_of` `Storm/Config` and declares `methods` too"),
        "{}",
        stderr(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
