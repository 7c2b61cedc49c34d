//! A request or response that several APIs of one type library have in
//! common (Liquid Web's `Cloud/X` in bleed and `Storm/X` in v1) is emitted
//! once, in the library's `shared` module, and each API's sections alias
//! it; a record naming a type of one API's own file, or used by one API
//! only, stays in that API.

mod support;

const LIBRARY: &str = "hostapi: 1
types:
  Code: {doc: \"A code.\", string: {max_length: 8}}
";

/// API `name` using the library; `extra` is appended to its sections.
fn api(name: &str, extra: &str) -> String {
    format!(
        "hostapi: 1
uses: [\"shared/types.yaml\"]
api:
  name: {name}
  title: Shared API
  version: \"{name}\"
  base_url: \"https://api.example.test/{name}\"
  credentials:
    key: {{doc: \"The key.\", secret: true}}
  wire:
    http_method: post
    method_name: path
    params: {{json: {{}}}}
    auth:
      params: {{key: key}}
    response: json
    error: {{field_present: {{field: error}}}}
types:
  Local: {{doc: \"Only this API's.\", string: {{max_length: 4}}}}
sections:
  Items:
    doc: \"Items.\"
    methods:
      get:
        doc: \"One item.\"
        params:
          code: {{type: Code}}
        returns:
          code: {{type: Code}}
          label: {{type: string, optional: true}}
      tag:
        doc: \"Tags an item.\"
        params:
          tag: {{type: Local}}
        returns:
          tagged: {{type: boolean}}
{extra}"
    )
}

/// In API `one` only: a second section returning what `Items/get` takes, so
/// within `one` that request is in `one`'s own `shared` module first.
const ONE_ONLY: &str = "  Other:
    doc: \"Other things.\"
    methods:
      find:
        doc: \"Finds by code.\"
        params:
          code: {type: Code}
        returns:
          count: {type: integer}
";

fn generate(name: &str) -> Vec<(String, String)> {
    let dir = support::temp_dir(name);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("shared/types.yaml", LIBRARY);
    write("one.yaml", &api("one", ONE_ONLY));
    write("two.yaml", &api("two", ""));
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

fn file<'f>(files: &'f [(String, String)], path: &str) -> &'f str {
    files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, contents)| contents.as_str())
        .unwrap_or_else(|| {
            panic!(
                "no {path} among {:?}",
                files.iter().map(|f| &f.0).collect::<Vec<_>>()
            )
        })
}

#[test]
fn records_both_apis_have_are_emitted_once_in_the_library() {
    let files = generate("library-records");
    let shared = file(&files, "shared_types/shared.rs");
    assert!(
        shared.contains("    /// Parameters of `Items/get` (one, two), `Other/find` (one).\n    pub struct CodeRequest: send {\n        optional { code / with_code: super::Code }\n    }"),
        "{shared}"
    );
    assert!(
        shared.contains("    /// What `Items/get` (one, two) return.\n    pub struct CodeAndLabelResponse: receive {"),
        "{shared}"
    );
    // `Items/tag` takes each API's own `Local`, a type of the same name
    // but not the same type; what it returns is the same.
    assert!(!shared.contains("Local"), "{shared}");
    assert!(
        shared.contains(
            "    /// What `Items/tag` (one, two) return.\n    pub struct TaggedResponse: receive {"
        ),
        "{shared}"
    );
    assert!(file(&files, "shared_types/mod.rs").contains("pub mod shared;"));
    for api in ["one", "two"] {
        let items = file(&files, &format!("{api}/items.rs"));
        assert!(
            items.contains("pub type GetRequest = super::super::shared_types::shared::CodeRequest;")
                && items.contains("pub type GetResponse = super::super::shared_types::shared::CodeAndLabelResponse;"),
            "{items}"
        );
        assert!(
            items.contains("pub struct TagRequest: send {")
                && items.contains("tag / with_tag: super::types::Local"),
            "{items}"
        );
    }
    // `one`'s own shared module held the request `Items` and `Other` share;
    // now the library does, and `one` has no shared module left.
    let other = file(&files, "one/other.rs");
    assert!(
        other.contains("pub type FindRequest = super::super::shared_types::shared::CodeRequest;"),
        "{other}"
    );
    assert!(
        other.contains("pub struct FindResponse: receive {"),
        "{other}"
    );
    assert!(!files.iter().any(|(p, _)| p == "one/shared.rs"));
    assert!(!file(&files, "one/mod.rs").contains("pub mod shared;"));
}
