//! Shared by the integration tests that build small specs by hand: the head
//! of a minimal valid spec, and fresh temporary folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `hostapi: 1` and the `api:` block of a minimal valid spec: API
/// `fixture`, one credential, Liquid Web's wire style, `base_url` as given
/// (written as a YAML string). Append `types:` and `sections:`.
pub fn api_head(base_url: &str) -> String {
    format!(
        "hostapi: 1
api:
  name: fixture
  title: Fixture API
  version: \"1\"
  base_url: {base_url:?}
  credentials:
    user: {{doc: \"The user name.\"}}
  wire:
    http_method: post
    method_name: path
    params: {{json: {{}}}}
    auth: {{basic: {{username: user, password: user}}}}
    response: json
    error: {{field_present: {{field: error_class}}}}
"
    )
}

/// [`api_head`] with the usual base URL.
pub fn minimal_head() -> String {
    api_head("https://api.example.test")
}

/// The generated file whose path ends with `file` (a section's `dns.rs`),
/// for `spec` written as `api.yaml` in a fresh folder named after `name`.
pub fn generated_file(name: &str, spec: &str, file: &str) -> String {
    let dir = temp_dir(name);
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .find(|f| f.path.ends_with(file))
        .unwrap_or_else(|| panic!("no generated file ends with {file}"))
        .contents
}

/// An empty folder of its own under the system's temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The head of a Liquid Web import overlay (API `imported`, the bundled
/// `types.yaml`), through `sections:`, which is line 25: the first
/// section appended is line 26.
pub const LW_OVERLAY_HEAD: &str = "hostapi: 1
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
";

/// A folder for `import liquidweb-docs`: `docs.json` holding `docs`,
/// `api.overlay.yaml` holding [`LW_OVERLAY_HEAD`] and then `sections`, and
/// a copy of the bundled `types.yaml`.
pub fn import_workspace(name: &str, docs: &str, sections: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join("docs.json"), docs).unwrap();
    std::fs::write(
        dir.join("api.overlay.yaml"),
        format!("{LW_OVERLAY_HEAD}{sections}"),
    )
    .unwrap();
    let types = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/liquidweb/types.yaml");
    std::fs::copy(types, dir.join("types.yaml")).unwrap();
    dir
}

/// `hostapi-codegen` with `args`.
pub fn run_codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `import liquidweb-docs` of an [`import_workspace`] into its `api.yaml`.
pub fn import_liquidweb(dir: &Path) -> Output {
    run_codegen(&[
        "import",
        "liquidweb-docs",
        dir.join("docs.json").to_str().unwrap(),
        "--out",
        dir.join("api.yaml").to_str().unwrap(),
    ])
}

/// What a run printed on stderr, as text.
pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
