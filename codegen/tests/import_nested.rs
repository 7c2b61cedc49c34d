//! `import liquidweb-docs` with an additions method that reaches into the
//! types the import made: a returned field keyed by a path
//! (`items[].memory`, `zone.region.code`) is added inside the made list
//! item or structure, a `type: Section/method:path` names the type the
//! import gave another method's member, and every bad form or unknown path
//! is an error at the overlay's own line with its rule id (`lint` of the
//! overlay reports the bad forms too).

mod support;

use std::path::PathBuf;

use support::{import_liquidweb as import, run_codegen as run, stderr_of};

/// A folder importing [`DOCS`] with these overlay sections.
fn workspace(name: &str, sections: &str) -> PathBuf {
    support::import_workspace(&format!("import-nested-{name}"), DOCS, sections)
}

const DOCS: &str = r#"{
  "Storm/Server": {
    "__description": "Servers.",
    "__methods": {
      "details": {
        "__description": "One server.",
        "__input": {"uniq_id": {"type": "SUBACCNT_UNIQ_ID", "required": 1}},
        "__output": {
          "uniq_id": {"type": "SUBACCNT_UNIQ_ID"},
          "zone": {"optional": 1, "structure": {
            "id": {"type": "POSITIVE_INT"},
            "region": {"structure": {"id": {"type": "POSITIVE_INT"}, "name": {"type": "STRING"}}}
          }}
        }
      },
      "list": {
        "__description": "Servers.",
        "__input": {"page_num": {"type": "POSITIVE_INT"}},
        "__output": {
          "items": {"array_of": {"structure": {
            "uniq_id": {"type": "SUBACCNT_UNIQ_ID"},
            "domain": {"type": "DOMAIN_FULL"}
          }}},
          "page_total": {"type": "POSITIVE_INT"}
        }
      }
    }
  },
  "Server": {
    "__description": "Servers, older.",
    "__methods": {
      "clone": {
        "__description": "Clones a server.",
        "__input": {"uniq_id": {"type": "SUBACCNT_UNIQ_ID", "required": 1}},
        "__output": {"uniq_id": {"type": "SUBACCNT_UNIQ_ID"}}
      }
    }
  }
}"#;

/// Line 26 of the overlay is the first line below (`  Storm/Server:`).
const NESTED: &str = "  Storm/Server:
    doc: \"\"
    methods:
      list:
        doc: \"\"
        additions: true
        returns:
          items[].memory:
            type: NonNegInt
            optional: true
            doc: \"Memory (MB).\"
          items[].domain:
            type: DomainFull
      details:
        doc: \"\"
        additions: true
        returns:
          zone.region.code:
            type: Word
            optional: true
  Server:
    doc: \"\"
    methods:
      clone:
        doc: \"\"
        additions: true
        returns:
          zone:
            type: Storm/Server/details:zone
            optional: true
          first:
            type: Storm/Server/list:items[]
            optional: true
";

/// The import fails with exactly this located error and writes nothing.
fn fails_with(name: &str, overlay: &str, expected: &str) {
    let dir = workspace(name, overlay);
    let output = import(&dir);
    assert!(!output.status.success());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
    assert!(!dir.join("api.yaml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn members_go_inside_the_made_types_and_references_name_them() {
    let dir = workspace("laid", NESTED);
    let output = import(&dir);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    let spec = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    for expected in [
        // The list's item type gains `memory` (optional) and the overlay's
        // `domain` replaces the source's; its note says so.
        "  ServerListItem:\n    doc: \"One item of `Storm/Server/list` returned field `items[]`.\"\n    \
         note: \"Not in docs.json: `memory`, `domain` (replacing docs.json's), added from newer \
         sources by the overlay.\"\n    object:\n      fields:\n        uniq_id:\n          \
         type: SubaccntUniqId\n          required: true\n        domain:\n          type: DomainFull\n          \
         required: true\n        memory:\n          type: NonNegInt\n          doc: \"Memory (MB).\"",
        // Two levels down: the structure of `zone.region`.
        "        name:\n          type: string\n          required: true\n        code:\n          type: Word\n",
        // The references resolve to the made types' names.
        "          zone:\n            type: ServerDetailsZone\n            optional: true",
        "          first:\n            type: ServerListItem\n            optional: true",
        // The methods' notes name the paths.
        "Not in docs.json: the returned fields `items[].memory`, `items[].domain`, added from newer sources by the overlay.",
        "Not in docs.json: the returned field `zone.region.code`, added from newer sources by the overlay.",
    ] {
        assert!(spec.contains(expected), "expected `{expected}` in:\n{spec}");
    }
    assert!(!spec.contains("items[].memory:"), "{spec}");
    assert!(!spec.contains("Storm/Server/details:zone"), "{spec}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_path_to_no_returned_member_is_an_error_at_its_key() {
    fails_with(
        "no-member",
        &NESTED.replace("items[].memory:", "itemz[].memory:"),
        "api.overlay.yaml:33:11: error[overlay-nested-unknown]: `itemz[].memory` in \
         `Storm/Server/list`: the method returns no `itemz`",
    );
    fails_with(
        "no-inner-member",
        &NESTED.replace("zone.region.code:", "zone.area.code:"),
        "api.overlay.yaml:43:11: error[overlay-nested-unknown]: `zone.area.code` in \
         `Storm/Server/details`: `zone` has no member `area`",
    );
}

#[test]
fn a_path_through_what_the_import_did_not_make_is_an_error() {
    // `items` without `[]` is the list, not a structure.
    fails_with(
        "not-structure",
        &NESTED.replace("items[].memory:", "items.memory:"),
        "api.overlay.yaml:33:11: error[overlay-nested-unknown]: `items.memory` in \
         `Storm/Server/list`: `items` is `ServerListItems`, not a structure the import made",
    );
    // `zone[]`: a structure is not a list.
    fails_with(
        "not-list",
        &NESTED.replace("zone.region.code:", "zone[].code:"),
        "error[overlay-nested-unknown]: `zone[].code` in `Storm/Server/details`: `zone` is \
         `ServerDetailsZone`, not a list the import made",
    );
    // A catalogue type has no members to add to.
    fails_with(
        "catalogue",
        &NESTED.replace("items[].memory:", "page_total.memory:"),
        "error[overlay-nested-unknown]: `page_total.memory` in `Storm/Server/list`: \
         `page_total` is `PositiveInt`, not a structure the import made",
    );
}

#[test]
fn a_reference_to_nothing_imported_is_an_error_at_its_type() {
    fails_with(
        "no-method",
        &NESTED.replace("Storm/Server/details:zone", "Storm/Server/detail:zone"),
        "api.overlay.yaml:54:19: error[overlay-type-unknown]: docs.json has no method \
         `Storm/Server/detail`",
    );
    fails_with(
        "no-section",
        &NESTED.replace("Storm/Server/details:zone", "Cloud/Server/details:zone"),
        "error[overlay-type-unknown]: docs.json has no section `Cloud/Server`",
    );
    fails_with(
        "no-field",
        &NESTED.replace("Storm/Server/details:zone", "Storm/Server/details:zones"),
        "error[overlay-type-unknown]: `Storm/Server/details:zones`: the method returns no `zones`",
    );
}

#[test]
fn bad_forms_are_errors_for_import_and_lint_alike() {
    let cases = [
        (
            NESTED.replace("items[].memory:", "items[]:"),
            "api.overlay.yaml:33:11: error[overlay-nested-form]: `items[]` ends with `[]`",
        ),
        (
            NESTED.replace("items[].memory:", "items[0].memory:"),
            "api.overlay.yaml:33:11: error[overlay-nested-form]: `items[0].memory`: the step \
             `items[0]` holds `[`",
        ),
        (
            NESTED.replace("Storm/Server/details:zone", "Storm/Server/details.zone"),
            "api.overlay.yaml:54:19: error[overlay-nested-form]: `Storm/Server/details.zone` \
             is not a type name",
        ),
        (
            NESTED.replace(
                "        returns:\n          items[].memory:",
                "        params:\n          items[].page:\n            type: PositiveInt\n        \
                 returns:\n          items[].memory:",
            ),
            "api.overlay.yaml:33:11: error[overlay-nested-form]: the parameter `items[].page`",
        ),
    ];
    for (i, (overlay, expected)) in cases.iter().enumerate() {
        fails_with(&format!("form{i}"), overlay, expected);
        let dir = workspace(&format!("lint{i}"), overlay);
        let path = dir.join("api.overlay.yaml");
        let output = run(&["lint", path.to_str().unwrap()]);
        assert!(!output.status.success());
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let rule = expected.split(": ").nth(1).unwrap();
        assert!(
            stdout.contains(rule) && stdout.contains(&expected[..expected.find(": ").unwrap()]),
            "expected `{expected}` from lint in:\n{stdout}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_reference_outside_an_additions_method_is_an_error() {
    // Without `additions: true` the method replaces the imported one whole
    // and is checked as any spec's method: it cannot name an imported type.
    let overlay = NESTED.replace(
        "      clone:\n        doc: \"\"\n        additions: true\n",
        "      clone:\n        doc: \"Clones.\"\n",
    );
    assert_ne!(overlay, NESTED);
    fails_with(
        "whole",
        &overlay,
        "api.overlay.yaml:53:19: error[overlay-nested-form]: the returned field `zone` names \
         another member's type, which only a method with `additions: true` may do",
    );
}
