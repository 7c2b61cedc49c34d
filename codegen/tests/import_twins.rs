//! `import liquidweb-docs` with an overlay section that is a `twin_of` an
//! imported one (today's name of a 2013 section): written as a twin, so
//! the loader gives it the imported section's methods, additions included;
//! a twin of a section the source lacks, or named like one it has, is a
//! `twin-of` error at the overlay's line.

mod support;

use std::path::PathBuf;

use support::{import_liquidweb as import, stderr_of as stderr};

/// A folder importing [`DOCS`] with Storm/Config and then `twin`.
fn workspace(name: &str, twin: &str) -> PathBuf {
    support::import_workspace(
        &format!("import-twins-{name}"),
        DOCS,
        &format!("{STORM_CONFIG}{twin}"),
    )
}

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

/// Storm/Config with an addition, before the twin.
const STORM_CONFIG: &str = "  Storm/Config:
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
