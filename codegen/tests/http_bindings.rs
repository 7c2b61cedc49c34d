//! Bad HTTP bindings are located errors with rule ids, never a panic or a
//! client that sends something else (tests/fixtures/bad/bindings.yaml holds
//! each mistake the issue names; tests/lint/fixtures/<rule>/ one each).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `(rule, line, column)` of every error `generate` reports for `spec`.
fn errors(spec: &Path) -> Vec<(String, u32, u32)> {
    match hostapi_codegen::generate(spec) {
        Err(hostapi_codegen::Error::Spec(diagnostics)) => diagnostics
            .0
            .iter()
            .map(|d| {
                assert!(d.file.ends_with(spec.file_name().unwrap()), "{d}");
                (d.code.to_string(), d.pos.line, d.pos.column)
            })
            .collect(),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("{} generated", spec.display()),
    }
}

#[test]
fn each_binding_mistake_is_a_located_error() {
    let spec = root().join("tests/fixtures/bad/bindings.yaml");
    let mut found = errors(&spec);
    found.sort();
    let expected = [
        ("auth-credential", 18, 15),
        ("body-on-get", 34, 36),
        ("duplicate-header", 33, 46),
        ("optional-path-param", 31, 38),
        ("path-template-param", 29, 22),
        ("unknown-credential", 20, 49),
    ];
    let expected: Vec<(String, u32, u32)> = expected
        .iter()
        .map(|(rule, line, column)| (rule.to_string(), *line, *column))
        .collect();
    assert_eq!(found, expected);
}

/// Writes a one-method spec whose method has `http` and `params` as given.
fn spec_with(dir: &Path, http: &str, params: &str) -> PathBuf {
    let text = format!(
        "hostapi: 1\napi:\n  name: t\n  title: T\n  version: \"1\"\n  base_url: https://api.example.test\n  \
         credentials: {{}}\n  wire:\n    http_method: get\n    method_name: path\n    params: query\n    \
         auth: {{}}\n    response: json\n    error: {{field_present: {{field: error}}}}\nsections:\n  S:\n    \
         doc: s\n    methods:\n      m:\n        doc: m\n        http: {http}\n        params:\n{params}\n        \
         returns:\n          ok: {{type: string}}\n"
    );
    let path = dir.join("spec.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn path_templates_that_would_move_the_call_are_refused() {
    let dir = std::env::temp_dir().join(format!("hostapi-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let param = "          id: {type: string, required: true, in: path}";
    for template in [
        "domains/{id}",
        "/domains//{id}",
        "/domains/./{id}",
        "/../{id}",
        "/domains/x{id}",
        "/domains/{id}/{id}",
        "/domains/a?b/{id}",
        "/domains/a%2F/{id}",
        "/domains/{}/{id}",
    ] {
        let spec = spec_with(&dir, &format!("{{path: {template:?}}}"), param);
        let found = errors(&spec);
        assert!(
            found
                .iter()
                .any(|(rule, line, _)| rule == "path-template" && *line == 21),
            "{template}: {found:?}"
        );
    }
    // A good template with the parameter in place generates.
    let spec = spec_with(&dir, "{method: delete, path: \"/domains/{id}\"}", param);
    hostapi_codegen::generate(&spec).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_body_kind_is_chosen_once_and_fields_of_objects_travel_inside_them() {
    let dir = std::env::temp_dir().join(format!("hostapi-bodies-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let params = "          a: {type: string, in: body}\n          b: {type: string, in: json}\n          \
                  c: {type: string, in: form}";
    let spec = spec_with(&dir, "{method: post}", params);
    let found = errors(&spec);
    assert_eq!(
        found,
        [
            ("http-binding".to_string(), 24, 33),
            ("http-binding".to_string(), 25, 33)
        ],
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
