//! Golden files of `export openapi`: one per bundled API, so each change
//! to the export (or to a spec) is a reviewable diff. Review with
//! `cargo insta review`.

use std::path::{Path, PathBuf};

use hostapi_codegen::export::{checked_workspace, openapi};
use hostapi_codegen::spec::load::LoadOptions;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn export(spec: &Path, module: &str) -> String {
    let ws = checked_workspace(spec, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let api = ws
        .apis
        .iter()
        .find(|a| a.module == module)
        .unwrap_or_else(|| panic!("no API {module}"));
    openapi::render(&ws, api).unwrap_or_else(|e| panic!("{e}"))
}

macro_rules! snapshot_bundled {
    ($test:ident, $module:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(
                concat!("openapi_", $module),
                export(&root().join("spec"), $module)
            );
        }
    };
}

snapshot_bundled!(enom, "enom");
snapshot_bundled!(sivehost, "sivehost");
snapshot_bundled!(liquidweb_bleed, "liquidweb_bleed");
snapshot_bundled!(liquidweb_v1, "liquidweb_v1");

/// The wire styles and every constraint kind, small enough to read whole.
macro_rules! snapshot_fixture {
    ($test:ident, $file:literal, $module:literal) => {
        #[test]
        fn $test() {
            let spec = root().join("tests/fixtures/specs").join($file);
            insta::assert_snapshot!(concat!("openapi_", $module), export(&spec, $module));
        }
    };
}

snapshot_fixture!(json_wire_style, "wire_json.yaml", "wire_json");
snapshot_fixture!(query_wire_style, "wire_query.yaml", "wire_query");
snapshot_fixture!(form_wire_style, "wire_form.yaml", "wire_form");
snapshot_fixture!(every_constraint_kind, "constraints.yaml", "constraints");
snapshot_fixture!(secret_members, "secrets.yaml", "secrets");
snapshot_fixture!(per_method_bindings, "rest_registrar.yaml", "rest_registrar");
snapshot_fixture!(combined_auth_schemes, "rest_keys.yaml", "rest_keys");
snapshot_fixture!(xml_api, "xml_registrar.yaml", "xml_registrar");
snapshot_fixture!(named_servers, "servers.yaml", "servers");
snapshot_fixture!(
    status_rules_and_headers,
    "wire_statuses.yaml",
    "wire_statuses"
);
