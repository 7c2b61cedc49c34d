//! `import liquidweb-docs` with an overlay method marked `additions: true`:
//! its parameters and returned fields are laid over the imported method's
//! (added, or replacing one of the same name) with notes, and a bad
//! additions entry is an error at the overlay's own line.

mod support;

use std::path::PathBuf;

use support::{import_liquidweb as import, run_codegen, stderr_of};

/// A folder importing [`DOCS`] with the Network/IP section's `methods`.
fn workspace(name: &str, methods: &str) -> PathBuf {
    support::import_workspace(
        &format!("import-additions-{name}"),
        DOCS,
        &format!("{SECTION_HEAD}{methods}"),
    )
}

const DOCS: &str = r#"{
  "Network/IP": {
    "__description": "IPs of a server.",
    "__methods": {
      "add": {
        "__description": "Adds IPs.",
        "__input": {
          "ip_count": {"type": "POSITIVE_INT", "required": 1},
          "password": {"type": "STORM_INSTANCE_PASSWORD"},
          "uniq_id": {"type": "SUBACCNT_UNIQ_ID", "required": 1}
        },
        "__output": {
          "adding": {"type": "LAXWORDS"}
        }
      }
    }
  }
}"#;

const SECTION_HEAD: &str = "  Network/IP:
    doc: \"\"
    methods:
";

const ADDITIONS: &str = "      add:
        doc: \"\"
        additions: true
        notes:
          - \"Today's page makes `ip_count` optional.\"
        params:
          ip_count:
            type: NonNegInt
          pool_ips:
            type: IpDecList
          password:
            type: StormInstancePassword
            required: true
        returns:
          added_ips:
            type: IpDecList
            optional: true
";

#[test]
fn additions_are_laid_over_the_imported_method_with_notes() {
    let dir = workspace("laid", ADDITIONS);
    let output = import(&dir);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "interpreted[overlay-additions] Network/IP add: the overlay adds 1 parameter(s) \
             and 1 returned field(s) and replaces 2"
        ),
        "{stderr}"
    );
    let spec = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    for expected in [
        // The imported descriptions (the overlay's section doc is empty)
        // and member order stay; additions follow.
        "  Network/IP:\n    doc: \"IPs of a server.\"\n    methods:\n      add:\n        doc: \"Adds IPs.\"",
        // The overlay's own note, then what the source lacked or said otherwise.
        "          - \"Today's page makes `ip_count` optional.\"\n          - \"Not in docs.json: the parameter `pool_ips`; the returned field `added_ips`, added from newer sources by the overlay.\"\n          - \"docs.json types the parameter `ip_count` `POSITIVE_INT` and marks it required; newer sources win.\"",
        // A replaced secret stays secret.
        "          - \"docs.json marks the parameter `password` not required; newer sources win.\"",
        "        params:\n          ip_count:\n            type: NonNegInt\n          password:\n            type: StormInstancePassword\n            required: true\n            secret: true\n          uniq_id:\n            type: SubaccntUniqId\n            required: true\n          pool_ips:\n            type: IpDecList",
        "        returns:\n          adding:\n            type: LaxWords\n          added_ips:\n            type: IpDecList\n            optional: true",
    ] {
        assert!(spec.contains(expected), "expected `{expected}` in:\n{spec}");
    }
    // The marker itself is resolved, never written.
    assert!(!spec.contains("additions"), "{spec}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn additions_to_a_method_the_source_lacks_are_an_error_at_the_overlay_line() {
    let dir = workspace("unknown", &ADDITIONS.replace("      add:", "      addd:"));
    let output = import(&dir);
    assert!(!output.status.success());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(
            "api.overlay.yaml:29:7: error[overlay-additions-unknown]: method `addd` has \
             `additions: true`, but docs.json has no method `Network/IP/addd` to add to"
        ),
        "{stderr}"
    );
    assert!(!dir.join("api.yaml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn additions_may_not_replace_what_stays_the_imported_methods() {
    let with_url = ADDITIONS.replace(
        "        additions: true\n",
        "        additions: true\n        url: https://api.example.test/v1/Network/IP/add\n",
    );
    let dir = workspace("keys", &with_url);
    let output = import(&dir);
    assert!(!output.status.success());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("api.overlay.yaml:29:7: error[overlay-additions-keys]")
            && stderr.contains("found `url`"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn additions_outside_an_overlay_are_an_error() {
    let dir = workspace("outside", ADDITIONS);
    let api = dir.join("api.yaml");
    std::fs::copy(dir.join("api.overlay.yaml"), &api).unwrap();
    let output = run_codegen(&["check", "--spec", api.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("api.yaml:31:20: error[additions-outside-overlay]"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
