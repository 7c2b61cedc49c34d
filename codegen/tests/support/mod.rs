//! Shared by the integration tests that build small specs by hand: the head
//! of a minimal valid spec, and fresh temporary folders.

#![allow(dead_code)]

use std::path::PathBuf;

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

/// An empty folder of its own under the system's temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
