//! Golden files of the generated code: one snapshot per bundled API and per
//! focused fixture spec (one construct each). A changed snapshot fails;
//! review it with `cargo insta review`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// All files of one API, each under a `=== path` line.
fn render(spec: &Path, module: &str) -> String {
    let generated = hostapi_codegen::generate(spec).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    for file in generated
        .files
        .iter()
        .filter(|f| f.path.starts_with(module))
    {
        text.push_str(&format!("=== {}\n{}\n", file.path.display(), file.contents));
    }
    assert!(!text.is_empty(), "no files for {module}");
    text
}

macro_rules! snapshot_fixture {
    ($test:ident, $file:literal, $module:literal) => {
        #[test]
        fn $test() {
            let spec = root().join("tests/fixtures/specs").join($file);
            insta::assert_snapshot!($module, render(&spec, $module));
        }
    };
}

snapshot_fixture!(keywords_are_escaped, "keywords.yaml", "keywords");
snapshot_fixture!(
    optional_and_required_members,
    "optional_required.yaml",
    "presence"
);
snapshot_fixture!(secret_members, "secrets.yaml", "secrets");
snapshot_fixture!(every_constraint_kind, "constraints.yaml", "constraints");
snapshot_fixture!(json_wire_style, "wire_json.yaml", "wire_json");
snapshot_fixture!(query_wire_style, "wire_query.yaml", "wire_query");
snapshot_fixture!(form_wire_style, "wire_form.yaml", "wire_form");
snapshot_fixture!(status_rules, "wire_statuses.yaml", "wire_statuses");
snapshot_fixture!(named_servers, "servers.yaml", "servers");
snapshot_fixture!(lists_conditions_and_shared_records, "lists.yaml", "lists");
snapshot_fixture!(names_that_need_care, "names.yaml", "names");
snapshot_fixture!(recursive_types_are_boxed, "recursive.yaml", "recursive");
snapshot_fixture!(hostile_spec_text, "hostile_text.yaml", "hostile_text");
snapshot_fixture!(
    per_method_http_bindings,
    "rest_registrar.yaml",
    "rest_registrar"
);
snapshot_fixture!(combined_auth_schemes, "rest_keys.yaml", "rest_keys");
snapshot_fixture!(xml_api, "xml_registrar.yaml", "xml_registrar");

macro_rules! snapshot_bundled {
    ($test:ident, $module:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(
                concat!("bundled_", $module),
                render(&root().join("spec"), $module)
            );
        }
    };
}

snapshot_bundled!(bundled_liquidweb_bleed, "liquidweb_bleed");
snapshot_bundled!(bundled_liquidweb_v1, "liquidweb_v1");
snapshot_bundled!(bundled_liquidweb_types, "liquidweb_types");
snapshot_bundled!(bundled_enom, "enom");
snapshot_bundled!(bundled_sivehost, "sivehost");

#[test]
fn generation_is_deterministic() {
    let spec = root().join("spec");
    let first = hostapi_codegen::generate(&spec).unwrap();
    let second = hostapi_codegen::generate(&spec).unwrap();
    assert_eq!(first.files, second.files);
}

#[test]
fn schema_json_is_in_sync_with_the_model() {
    let path = root().join("spec/schema.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == hostapi_codegen::schema::spec_schema(),
        "spec/schema.json is stale: run `cargo run -p hostapi-codegen -- schema --out spec/schema.json`"
    );
}

#[test]
fn every_bundled_spec_has_a_schema_modeline() {
    let set = hostapi_codegen::spec::load::load_paths(&[root().join("spec")]).unwrap();
    for (path, file) in &set.files {
        let first = file.source.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("# yaml-language-server: $schema=") && first.ends_with("schema.json"),
            "{} lacks the modeline",
            path.display()
        );
        let target = path
            .parent()
            .unwrap()
            .join(first.rsplit('=').next().unwrap());
        assert!(
            target.is_file(),
            "{}: modeline points at {}",
            path.display(),
            target.display()
        );
    }
}
