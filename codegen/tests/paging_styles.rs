//! The generator's side of the paging styles: what the checker refuses
//! beyond the lint fixtures (tests/lint/fixtures/paging-*), what the
//! OpenAPI export says of each style, and the mock answering every style
//! with a last page, so a client's walk over it ends.

use std::path::{Path, PathBuf};

use hostapi_codegen::export::{checked_workspace, openapi};
use hostapi_codegen::mock::{Mock, Options, RawRequest, load};
use hostapi_codegen::spec::load::LoadOptions;
use serde_json::{Value, json};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs/paging_styles.yaml")
}

/// `(rule, line, column)` of every error `generate` reports for `text`.
fn errors(text: &str) -> Vec<(String, u32, u32)> {
    let dir = std::env::temp_dir().join(format!("hostapi-paging-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("spec.yaml");
    std::fs::write(&path, text).unwrap();
    match hostapi_codegen::generate(&path) {
        Err(hostapi_codegen::Error::Spec(diagnostics)) => diagnostics
            .0
            .iter()
            .map(|d| (d.code.to_string(), d.pos.line, d.pos.column))
            .collect(),
        Err(other) => panic!("{other}"),
        Ok(_) => Vec::new(),
    }
}

/// A one-method spec: `auth` and the method's `paging`.
fn spec(auth: &str, paging: &str) -> String {
    format!(
        "hostapi: 1\napi:\n  name: t\n  title: T\n  version: \"1\"\n  base_url: https://api.example.test\n  \
         credentials:\n    key: {{doc: k, secret: true}}\n  wire:\n    http_method: get\n    method_name: path\n    \
         params: query\n    auth: {auth}\n    response: json\n    error: {{field_present: {{field: error}}}}\n\
         types:\n  Names:\n    doc: n\n    array: {{items: string}}\nsections:\n  S:\n    doc: s\n    methods:\n      \
         list:\n        doc: l\n        paging: {paging}\n        params:\n          \
         after: {{type: string}}\n        returns:\n          items: {{type: Names}}\n          \
         Link: {{type: string, header: Link, optional: true}}\n"
    )
}

#[test]
fn link_paging_needs_credentials_a_followed_link_carries() {
    let paging = "{style: link, link: Link, items: items}";
    // An API key in a header, or in the query (added to each link), is fine.
    for auth in [
        "{api_keys: [{in: header, name: X-Key, credential: key}]}",
        "{api_keys: [{in: query, name: key, credential: key}]}",
        "{bearer: {credential: key}}",
    ] {
        assert_eq!(errors(&spec(auth, paging)), [], "{auth}");
    }
    // A credential parameter would be lost on the second page.
    let found = errors(&spec("{params: {key: key}}", paging));
    // At `link: Link` in the paging line.
    assert_eq!(found, [("paging-link".to_string(), 26, 37)]);
}

#[test]
fn the_old_form_and_page_style_are_one_and_the_same() {
    let auth = "{bearer: {credential: key}}";
    let old = "{page: after, items: items, page_total: Link}";
    let styled = "{style: page, page: after, items: items, page_total: Link}";
    let generate = |text: String| {
        let dir = std::env::temp_dir().join(format!("hostapi-paging-same-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        std::fs::write(&path, text).unwrap();
        hostapi_codegen::generate(&path).unwrap().files
    };
    assert_eq!(generate(spec(auth, old)), generate(spec(auth, styled)));
}

#[test]
fn the_export_names_each_style_and_its_members() {
    let ws = checked_workspace(&fixture(), &LoadOptions::default()).unwrap();
    let api = &ws.apis[0];
    let text = openapi::render(&ws, api).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let paging = |path: &str| doc["paths"][path]["get"]["x-hostapi-paging"].clone();
    assert_eq!(
        paging("/items"),
        json!({"style": "offset", "offset": "offset", "limit": "limit", "total": "total", "items": "items"})
    );
    assert_eq!(
        paging("/sized"),
        json!({"style": "offset", "offset": "offset", "page_size": 3, "items": "items"})
    );
    assert_eq!(
        paging("/feed"),
        json!({"style": "cursor", "cursor": "cursor", "next": "next", "items": "entries"})
    );
    assert_eq!(
        paging("/links"),
        json!({"style": "link", "link_header_field": "links", "items": "items"})
    );
}

fn answer(mock: &Mock, target: &str) -> Value {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let request = RawRequest {
        method: "GET".into(),
        path: path.into(),
        query: query.into(),
        headers: vec![("authorization".into(), "Bearer tok".into())],
        body: Vec::new(),
    };
    let (response, _) = mock.answer(&request);
    assert_eq!(response.status, 200, "{target}");
    serde_json::from_slice(&response.body).unwrap()
}

#[test]
fn the_mock_answers_every_style_with_a_last_page() {
    let mock = Mock::new(load(&fixture()).unwrap(), Options::default());
    // No cursor, no link: the walk ends after this page.
    let feed = answer(&mock, "/paging_styles/feed?cursor=5");
    assert!(feed["entries"].is_array(), "{feed}");
    assert!(feed.get("next").is_none(), "{feed}");
    let links = answer(&mock, "/paging_styles/links");
    assert!(links.get("links").is_none(), "{links}");
    // The total counts the items up to the end of this page.
    let items = answer(&mock, "/paging_styles/items?offset=4&limit=2");
    let held = items["items"].as_array().unwrap().len() as u64;
    assert_eq!(items["total"], json!(4 + held), "{items}");
}
