//! `import liquidweb-docs` with an overlay method marked `additions: true`:
//! its parameters and returned fields are laid over the imported method's
//! (added, or replacing one of the same name) with notes, and a bad
//! additions entry is an error at the overlay's own line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
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
  Network/IP:
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

fn workspace(name: &str, methods: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hostapi-import-additions-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("docs.json"), DOCS).unwrap();
    std::fs::write(
        dir.join("api.overlay.yaml"),
        format!("{OVERLAY_HEAD}{methods}"),
    )
    .unwrap();
    std::fs::copy(
        root().join("spec/liquidweb/types.yaml"),
        dir.join("types.yaml"),
    )
    .unwrap();
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

#[test]
fn additions_are_laid_over_the_imported_method_with_notes() {
    let dir = workspace("laid", ADDITIONS);
    let output = import(&dir);
    let stderr = text_of(&output.stderr);
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
    let stderr = text_of(&output.stderr);
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
    let stderr = text_of(&output.stderr);
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
    let output = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(["check", "--spec", api.to_str().unwrap()])
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = text_of(&output.stderr);
    assert!(
        stderr.contains("api.yaml:31:20: error[additions-outside-overlay]"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
