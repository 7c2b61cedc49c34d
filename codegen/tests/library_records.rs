//! A request or response that several APIs of one type library have in
//! common (Liquid Web's `Cloud/X` in bleed and `Storm/X` in v1) is emitted
//! once, in the library's `shared` module, and each API's sections alias
//! it; a record naming a type of one API's own file, or used by one API
//! only, stays in that API. Named types both APIs declare alike in their
//! own files are lifted into the library first, so records naming them
//! are shared too.

mod support;

const LIBRARY: &str = "hostapi: 1
types:
  Code: {doc: \"A code.\", string: {max_length: 8}}
";

/// API `name` using the library; its own `Local` is at most `local`
/// characters long, `types` is appended to its types and `extra` to its
/// sections.
fn api(name: &str, local: u32, types: &str, extra: &str) -> String {
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
  Local: {{doc: \"Only this API's.\", string: {{max_length: {local}}}}}
{types}sections:
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
    generate_apis(name, &api("one", 4, "", ONE_ONLY), &api("two", 5, "", ""))
}

/// `one.yaml` and `two.yaml` beside the library, generated.
fn generate_apis(name: &str, one: &str, two: &str) -> Vec<(String, String)> {
    let dir = support::temp_dir(name);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("shared/types.yaml", LIBRARY);
    write("one.yaml", one);
    write("two.yaml", two);
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
    // but not the same type (one's is at most 4 characters, two's 5):
    // it stays in each API; what the method returns is the same.
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

/// `one`'s own types: a point (named with a section's prefix) and a list
/// of them, a span, and a place.
const ONE_TYPES: &str = "  CloudPoint:
    doc: \"A point of one.\"
    object:
      fields:
        x: {type: Code, required: true, doc: \"Across, in one.\"}
        y: {type: integer}
  CloudPoints: {doc: \"Points of one.\", array: {items: CloudPoint}}
  Span: {doc: \"A span.\", string: {max_length: 10}}
  CloudPlace: {doc: \"A place of one.\", object: {fields: {at: {type: Code}}}}
  Mark: {doc: \"A mark.\", object: {fields: {span: {type: Span}}}}
";

/// `two`'s: the same point and list under other names and with other
/// docs, a span one character longer, a place under a name of the same
/// length, and a mark naming its own span.
const TWO_TYPES: &str = "  Point:
    doc: \"A point of two.\"
    object:
      fields:
        x: {type: Code, required: true, doc: \"Across, in two.\"}
        y: {type: integer}
  Points: {doc: \"Points of two.\", array: {items: Point}}
  Span: {doc: \"A span.\", string: {max_length: 11}}
  StorePlace: {doc: \"A place of two.\", object: {fields: {at: {type: Code}}}}
  Mark: {doc: \"A mark.\", object: {fields: {span: {type: Span}}}}
";

/// A section returning each of them, in both APIs.
fn shapes(points: &str, place: &str) -> String {
    format!(
        "  Shapes:
    doc: \"Shapes.\"
    methods:
      points:
        doc: \"The points.\"
        returns:
          points: {{type: {points}}}
      place:
        doc: \"The place.\"
        returns:
          place: {{type: {place}}}
      mark:
        doc: \"The mark.\"
        returns:
          mark: {{type: Mark}}
"
    )
}

#[test]
fn named_types_both_apis_declare_alike_are_lifted_with_the_records_naming_them() {
    let files = generate_apis(
        "library-types",
        &api("one", 4, ONE_TYPES, &shapes("CloudPoints", "CloudPlace")),
        &api("two", 4, TWO_TYPES, &shapes("Points", "StorePlace")),
    );
    let library = file(&files, "shared_types/mod.rs");
    // The point and its list, once, under the name without `Cloud`, with
    // the first API's docs; only read, so only `receive`.
    assert!(
        library.contains(
            "    /// A point of one.\n    ///\n    /// Declared alike by `one` (as `CloudPoint`) and `two`.\n    pub struct Point: receive {\n        required {\n            /// Across, in one.\n            x: Code => req,"
        ),
        "{library}"
    );
    assert!(
        library.contains("/// Points of one.\n///\n/// Declared alike by `one` (as `CloudPoints`) and `two`.\npub type Points = Vec<Point>;"),
        "{library}"
    );
    // `CloudPlace` and `StorePlace` are alike, neither ends with the other
    // and both are as long: the first API's name.
    assert!(
        library.contains("pub struct CloudPlace: receive {"),
        "{library}"
    );
    assert!(
        library.contains("Declared alike by `one` and `two` (as `StorePlace`).")
            && !library.contains("struct StorePlace"),
        "{library}"
    );
    // `Local` is alike now (both at most 4 characters), so it is lifted
    // too, and with it what `Items/tag` takes.
    assert!(library.contains("Local"), "{library}");
    // The spans differ by one constraint: each API keeps its own, and so
    // each keeps the mark naming it.
    assert!(
        !library.contains("Span") && !library.contains("Mark"),
        "{library}"
    );
    for api in ["one", "two"] {
        // `types.rs` and the section's own `types/shapes.rs`.
        let types: String = files
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("{api}/types")))
            .map(|(_, contents)| contents.as_str())
            .collect();
        assert!(
            !types.contains("Point") && !types.contains("Place") && !types.contains("Local"),
            "{types}"
        );
        assert!(types.contains("Span") && types.contains("Mark"), "{types}");
    }
    // The records naming lifted types are lifted through them.
    let shared = file(&files, "shared_types/shared.rs");
    assert!(
        shared.contains(
            "    /// What `Shapes/points` (one, two) return.\n    pub struct PointsResponse: receive {\n        required { points: super::Points => req }"
        ),
        "{shared}"
    );
    assert!(
        shared.contains("pub struct PlaceResponse: receive {"),
        "{shared}"
    );
    assert!(shared.contains("pub struct TagRequest: send {"), "{shared}");
    assert!(!shared.contains("MarkResponse"), "{shared}");
    for api in ["one", "two"] {
        let section = file(&files, &format!("{api}/shapes.rs"));
        assert!(
            section.contains(
                "pub type PointsResponse = super::super::shared_types::shared::PointsResponse;"
            ) && section.contains("pub struct MarkResponse: receive {"),
            "{section}"
        );
    }
}

#[test]
fn a_lifted_type_takes_the_next_name_when_an_api_has_another_type_of_the_first() {
    // `one`'s `CloudSpot` is `two`'s `Spot`, but `one` has another `Spot`:
    // named `Spot` in the library, it would be shadowed there by `one`'s.
    let one_types = "  CloudSpot: {doc: \"A spot.\", object: {fields: {at: {type: Code}}}}
  Spot: {doc: \"Another spot.\", object: {fields: {at: {type: integer}}}}
";
    let two_types = "  Spot: {doc: \"A spot.\", object: {fields: {at: {type: Code}}}}
";
    let section = |spot: &str| {
        format!(
            "  Spots:
    doc: \"Spots.\"
    methods:
      spot:
        doc: \"The spot.\"
        returns:
          spot: {{type: {spot}}}
"
        )
    };
    let files = generate_apis(
        "library-type-names",
        &api("one", 4, one_types, &section("CloudSpot")),
        &api("two", 5, two_types, &section("Spot")),
    );
    let library = file(&files, "shared_types/mod.rs");
    assert!(
        library.contains("pub struct CloudSpot: receive {") && !library.contains("struct Spot:"),
        "{library}"
    );
    let one: String = files
        .iter()
        .filter(|(p, _)| p.starts_with("one/types"))
        .map(|(_, contents)| contents.as_str())
        .collect();
    assert!(
        one.contains("pub struct Spot: ") && !one.contains("struct CloudSpot"),
        "{one}"
    );
}
