//! A type library's errors are emitted once, in the library's `errors`
//! module, and re-exported by each API using it; an error whose struct
//! depends on the API (nested errors, a name its `class_prefix` changes)
//! stays in each API's own `errors.rs`, unless the APIs document the same
//! errors and read nested ones alike: then their one `ApiError`, nested
//! errors included, is the library's.

mod support;

use std::path::Path;

const LIBRARY: &str = "hostapi: 1
types:
  Code: {doc: \"A code.\", string: {max_length: 8}}
errors:
  Vendor::NotFound:
    doc: \"Not found.\"
    fields:
      code: {type: Code, optional: true}
  Vendor::Busy:
    doc: \"Busy.\"
    retryable: true
  Vendor::Multiple:
    doc: \"Several errors.\"
    fields:
      errors: {type: error_list, optional: true}
";

/// API `name` using the library, its error rule stripping `class_prefix`.
fn api(name: &str, class_prefix: Option<&str>) -> String {
    let rule = match class_prefix {
        Some(prefix) => {
            format!("{{field_present: {{field: error_class, class_prefix: {prefix:?}}}}}")
        }
        None => "{field_present: {field: error_class}}".to_string(),
    };
    support::minimal_head()
        .replacen(
            "hostapi: 1\n",
            "hostapi: 1\nuses: [\"shared/types.yaml\"]\n",
            1,
        )
        .replacen("name: fixture", &format!("name: {name}"), 1)
        .replacen("{field_present: {field: error_class}}", &rule, 1)
        + "sections:
  Things:
    doc: \"Things.\"
    methods:
      get:
        doc: \"Gets a thing.\"
        returns:
          code: {type: Code}
"
}

/// The generated files of a spec folder with the library and two APIs,
/// by path.
fn generate(name: &str, second_prefix: Option<&str>) -> Vec<(String, String)> {
    generate_pair(name, &api("two", second_prefix))
}

/// The generated files of the library, API `one` and `two` (its spec text).
fn generate_pair(name: &str, two: &str) -> Vec<(String, String)> {
    generate_specs(name, LIBRARY, two)
}

/// The generated files of `library`, API `one` and `two` (spec texts).
fn generate_specs(name: &str, library: &str, two: &str) -> Vec<(String, String)> {
    let dir = support::temp_dir(name);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("shared/types.yaml", library);
    write("one.yaml", &api("one", None));
    write("two.yaml", two);
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

fn file<'f>(files: &'f [(String, String)], path: &str) -> Option<&'f str> {
    files
        .iter()
        .find(|(p, _)| Path::new(p) == Path::new(path))
        .map(|(_, contents)| contents.as_str())
}

#[test]
fn library_error_structs_are_emitted_once_and_re_exported() {
    let files = generate("shared-errors-alike", None);
    let shared = file(&files, "shared_types/errors.rs").expect("the library's errors.rs");
    assert!(shared.contains("pub struct VendorNotFound {"), "{shared}");
    assert!(
        shared.contains("        code: Option<super::Code>,"),
        "{shared}"
    );
    assert!(shared.contains("hostapi_runtime::api_error! {"), "{shared}");
    // Both APIs document the same errors with the same rule: one enum, in
    // the library, nested errors read with that rule written out.
    assert_eq!(shared.matches("pub enum ApiError {").count(), 1, "{shared}");
    assert!(
        shared.contains("        VendorBusy [retryable] = \"Vendor::Busy\","),
        "{shared}"
    );
    assert!(shared.contains("pub struct VendorMultiple {"), "{shared}");
    assert!(
        shared.contains(
            "nested(hostapi_runtime::wire::ErrorRule::FieldPresent { field: \"error_class\", message: None })"
        ),
        "{shared}"
    );
    let library = file(&files, "shared_types/mod.rs").unwrap();
    assert!(library.contains("pub(crate) mod errors;"), "{library}");
    for module in ["one", "two"] {
        let errors = file(&files, &format!("{module}/errors.rs")).unwrap();
        assert!(
            errors.contains(
                "pub use super::super::shared_types::errors::{VendorNotFound, VendorMultiple};"
            ),
            "{errors}"
        );
        assert!(
            errors.contains("pub use super::super::shared_types::errors::ApiError;"),
            "{errors}"
        );
        assert!(!errors.contains("pub struct"), "{errors}");
        assert!(!errors.contains("pub enum"), "{errors}");
    }
}

#[test]
fn apis_reading_nested_errors_differently_keep_their_own_enum() {
    let two = api("two", None).replacen(
        "{field_present: {field: error_class}}",
        "{field_present: {field: error_class, message: full_message}}",
        1,
    );
    let files = generate_pair("shared-errors-rules-differ", &two);
    let shared = file(&files, "shared_types/errors.rs").expect("the library's errors.rs");
    assert!(shared.contains("pub struct VendorNotFound {"), "{shared}");
    assert!(!shared.contains("ApiError {"), "{shared}");
    assert!(!shared.contains("VendorMultiple"), "{shared}");
    for module in ["one", "two"] {
        let errors = file(&files, &format!("{module}/errors.rs")).unwrap();
        assert!(
            errors.contains("pub use super::super::shared_types::errors::VendorNotFound;"),
            "{errors}"
        );
        assert!(!errors.contains("pub struct VendorNotFound"), "{errors}");
        assert!(
            errors.contains("        VendorNotFound(VendorNotFound) = "),
            "{errors}"
        );
        // Nested errors read into this API's own `ApiError`.
        assert!(errors.contains("pub struct VendorMultiple {"), "{errors}");
        assert!(errors.contains("nested(super::API.wire.error)"), "{errors}");
    }
}

#[test]
fn errors_named_differently_by_their_apis_stay_with_each_api() {
    let files = generate("shared-errors-differ", Some("Vendor::"));
    assert!(file(&files, "shared_types/errors.rs").is_none());
    let library = file(&files, "shared_types/mod.rs").unwrap();
    assert!(!library.contains("mod errors"), "{library}");
    let one = file(&files, "one/errors.rs").unwrap();
    assert!(one.contains("pub struct VendorNotFound {"), "{one}");
    assert!(
        one.contains("        code: Option<super::types::Code>,"),
        "{one}"
    );
    let two = file(&files, "two/errors.rs").unwrap();
    assert!(two.contains("pub struct NotFound {"), "{two}");
    for errors in [one, two] {
        assert!(!errors.contains("shared_types::errors"), "{errors}");
    }
}

#[test]
fn a_library_without_error_structs_leaves_each_api_its_enum() {
    // Only errors without fields: the library has no `errors` module to
    // hold a shared enum, so each API declares its own.
    let library = LIBRARY
        .split("  Vendor::NotFound:")
        .next()
        .unwrap()
        .to_string()
        + "  Vendor::Busy:\n    doc: \"Busy.\"\n    retryable: true\n";
    let files = generate_specs("shared-errors-no-structs", &library, &api("two", None));
    assert!(file(&files, "shared_types/errors.rs").is_none());
    for module in ["one", "two"] {
        let errors = file(&files, &format!("{module}/errors.rs")).unwrap();
        assert!(errors.contains("pub enum ApiError {"), "{errors}");
        assert!(!errors.contains("shared_types::errors"), "{errors}");
    }
}
