//! `import liquidweb-docs` with `type: Section/method:[]` in an additions
//! method: the member becomes a list of the record that method returns.
//! The import makes a structure of the method's returned fields (those its
//! own additions add included, whichever method the merge reaches first)
//! and a list of it, once; a second reference gets the same two types; the
//! made type the member had before is dropped when nothing else uses it;
//! and each reference that names no record is an error at the overlay's
//! line with its rule id (`lint` of the overlay reports the bad forms).

mod support;

use std::path::PathBuf;

use support::{import_liquidweb as import, run_codegen as run, stderr_of};

/// A folder importing [`DOCS`] with these overlay sections.
fn workspace(name: &str, sections: &str) -> PathBuf {
    support::import_workspace(&format!("import-records-{name}"), DOCS, sections)
}

/// Methods sort by name in the source, so `browse` is merged before
/// `details`, whose record it lists.
const DOCS: &str = r#"{
  "Network/DNS/Record": {
    "__description": "Records.",
    "__methods": {
      "browse": {
        "__description": "Records, summed up.",
        "__input": {"zone_id": {"type": "POSITIVE_INT", "required": 1}},
        "__output": {
          "summary": {"structure": {"count": {"type": "POSITIVE_INT"}}}
        }
      },
      "delete": {
        "__description": "Deletes a record.",
        "__input": {"id": {"type": "POSITIVE_INT", "required": 1}},
        "__output": {}
      },
      "details": {
        "__description": "One record.",
        "__input": {"id": {"type": "POSITIVE_INT", "required": 1}},
        "__output": {
          "id": {"type": "POSITIVE_INT"},
          "rdata": {"type": "STRING"},
          "ttl": {"type": "POSITIVE_INT", "optional": 1}
        }
      },
      "list": {
        "__description": "Records.",
        "__input": {"page_num": {"type": "POSITIVE_INT"}},
        "__output": {
          "items": {"array_of": {"type": "DNS_RR_PARAMS"}},
          "page_total": {"type": "POSITIVE_INT"}
        }
      },
      "serials": {
        "__description": "Serials by zone.",
        "__input": {},
        "__output": {"One or more keys matching: a zone name": {"type": "POSITIVE_INT"}}
      }
    }
  }
}"#;

/// Line 26 of the overlay is the first line below; both references are at
/// column 19 (lines 42 and 50).
const RECORDS: &str = "  Network/DNS/Record:
    doc: \"\"
    methods:
      details:
        doc: \"\"
        additions: true
        returns:
          zone:
            type: string
            optional: true
            doc: \"The record's zone.\"
      list:
        doc: \"\"
        additions: true
        returns:
          items:
            type: \"Network/DNS/Record/details:[]\"
            doc: \"The records.\"
      browse:
        doc: \"\"
        additions: true
        returns:
          summary.records:
            type: \"Network/DNS/Record/details:[]\"
            optional: true
";

/// The import fails with exactly this located error and writes nothing.
fn fails_with(name: &str, overlay: &str, expected: &str) {
    assert_ne!(overlay, RECORDS, "the case changes the overlay");
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

/// `RECORDS` with the list's reference (line 42) written as `text`.
fn list_of(text: &str) -> String {
    RECORDS.replacen("\"Network/DNS/Record/details:[]\"", text, 1)
}

#[test]
fn the_list_is_of_the_record_with_its_own_additions_and_made_once() {
    let dir = workspace("made", RECORDS);
    let output = import(&dir);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    let spec = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    for expected in [
        // The record: details' fields, present unless optional, and the
        // `zone` its own additions give it, although `browse` is merged
        // before `details` and refers to it too.
        "  RecordDetails:\n    doc: \"The record `Network/DNS/Record/details` returns, as an item \
         of `Network/DNS/Record/list` returned field `items`.\"\n    note: \"Also used by: \
         `RecordBrowseSummary` member `records`.\"\n    object:\n      fields:\n        \
         id:\n          type: PositiveInt\n          required: true\n        rdata:\n          \
         type: string\n          required: true\n        ttl:\n          type: PositiveInt\n        \
         zone:\n          type: string\n          doc: \"The record's zone.\"\n",
        // One list type for both references.
        "  RecordDetailsList:\n    doc: \"A list of the record `Network/DNS/Record/details` \
         returns, for `Network/DNS/Record/list` returned field `items`.\"\n    note: \"Also \
         used by: `RecordBrowseSummary` member `records`.\"\n    array:\n      \
         items: RecordDetails\n",
        // The top-level member and the one inside a made structure.
        "          items:\n            type: RecordDetailsList\n            doc: \"The records.\"",
        "        records:\n          type: RecordDetailsList\n",
        // The replaced type is the source's phrase in the method's notes.
        "docs.json types the returned field `items` `array_of DNS_RR_PARAMS`; newer sources win.",
    ] {
        assert!(spec.contains(expected), "expected `{expected}` in:\n{spec}");
    }
    // Made once, and the list type the source's items had is gone.
    assert_eq!(spec.matches("  RecordDetails:\n").count(), 1, "{spec}");
    assert_eq!(spec.matches("  RecordDetailsList:\n").count(), 1, "{spec}");
    assert!(!spec.contains("DnsRrParamsList"), "{spec}");
    assert!(!spec.contains(":[]"), "{spec}");
    assert!(
        stderr.contains("interpreted[made-type-unused] DnsRrParamsList"),
        "{stderr}"
    );
    // What was written checks and lints cleanly: nothing unused is left.
    let path = dir.join("api.yaml");
    let lint = run(&["lint", path.to_str().unwrap(), "--fail-on", "warning"]);
    let stdout = String::from_utf8_lossy(&lint.stdout).into_owned();
    assert!(lint.status.success(), "{stdout}");
    assert!(!stdout.contains("unused-type"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_record_list_of_no_method_is_an_error_at_its_type() {
    fails_with(
        "no-method",
        &list_of("\"Network/DNS/Record/detail:[]\""),
        "api.overlay.yaml:42:19: error[overlay-type-unknown]: `Network/DNS/Record/detail:[]`: \
         docs.json has no method `Network/DNS/Record/detail`",
    );
    fails_with(
        "no-section",
        &list_of("\"Network/DNS/Zone/details:[]\""),
        "api.overlay.yaml:42:19: error[overlay-type-unknown]: `Network/DNS/Zone/details:[]`: \
         docs.json has no section `Network/DNS/Zone`",
    );
}

#[test]
fn a_record_list_of_what_is_no_record_is_an_error_at_its_type() {
    fails_with(
        "map",
        &list_of("\"Network/DNS/Record/serials:[]\""),
        "api.overlay.yaml:42:19: error[overlay-type-unknown]: `Network/DNS/Record/serials:[]`: \
         `Network/DNS/Record/serials` returns a map (`returns_map`), not a record of listed fields",
    );
    fails_with(
        "empty",
        &list_of("\"Network/DNS/Record/delete:[]\""),
        "api.overlay.yaml:42:19: error[overlay-type-unknown]: `Network/DNS/Record/delete:[]`: \
         `Network/DNS/Record/delete` lists no returned fields to make a record of",
    );
    // `list`'s `items` is itself such a list: a chain (here, a loop) is refused.
    fails_with(
        "chain",
        &list_of("\"Network/DNS/Record/list:[]\""),
        "api.overlay.yaml:42:19: error[overlay-type-unknown]: `Network/DNS/Record/list:[]`: the \
         returned field `items` of `Network/DNS/Record/list` is itself a list of another \
         method's record",
    );
}

#[test]
fn bad_record_list_forms_are_errors_for_import_and_lint_alike() {
    for (i, (text, why)) in [
        ("\"Network/DNS/Record/details:[][]\"", "`[]` stands alone"),
        (
            "\"Network/DNS/Record/details:x[]y\"",
            "the step `x[]y` holds `[`",
        ),
        (
            "\"Network/DNS/Record/details:\"",
            "names nothing after the `:`",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let overlay = list_of(text);
        let expected = format!(
            "api.overlay.yaml:42:19: error[overlay-nested-form]: `{}`",
            &text[1..text.len() - 1]
        );
        fails_with(&format!("form{i}"), &overlay, &expected);
        let dir = workspace(&format!("lint{i}"), &overlay);
        let path = dir.join("api.overlay.yaml");
        let output = run(&["lint", path.to_str().unwrap()]);
        assert!(!output.status.success());
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            stdout.contains("api.overlay.yaml:42:19")
                && stdout.contains("overlay-nested-form")
                && stdout.contains(why),
            "expected `{why}` at 42:19 from lint in:\n{stdout}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
