//! The bundled Liquid Web v1 import: the committed spec is exactly what the
//! importer makes of the committed source, and snapshots of representative
//! sections show how the source's constructs are mapped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn bundled_import() -> hostapi_codegen::import::liquidweb::Imported {
    let options = hostapi_codegen::import::liquidweb::Options::new(
        root().join("spec/liquidweb/source/docs-v1.json"),
        root().join("spec/liquidweb/v1.yaml"),
    );
    hostapi_codegen::import::liquidweb::import(&options).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn committed_v1_spec_is_what_the_importer_makes_of_the_committed_source() {
    let imported = bundled_import();
    let drift =
        hostapi_codegen::import::drift(&root().join("spec/liquidweb/v1.yaml"), &imported.text)
            .unwrap();
    assert!(
        drift.is_none(),
        "{}\nrun `cargo run -p hostapi-codegen -- import liquidweb-docs spec/liquidweb/source/docs-v1.json --out spec/liquidweb/v1.yaml`",
        drift.unwrap()
    );
    assert_eq!(bundled_import().text, imported.text, "not deterministic");
    // 33 sections of the source and five Cloud twins of its Storm ones
    // (declaring no methods of their own).
    assert_eq!((imported.sections, imported.methods), (38, 150));
}

/// The YAML of one section of the imported spec, and of the made types it
/// reaches.
fn section_with_types(spec: &str, section: &str) -> String {
    let lines: Vec<&str> = spec.lines().collect();
    let block = |start: usize, limit: usize| {
        lines[start + 1..limit]
            .iter()
            .position(|l| l.starts_with("  ") && !l.starts_with("   "))
            .map_or(limit, |i| start + 1 + i)
    };
    let start = lines
        .iter()
        .position(|l| *l == format!("  {section}:"))
        .unwrap_or_else(|| panic!("no section {section}"));
    let body = lines[start..block(start, lines.len())].join("\n");
    let types_start = lines.iter().position(|l| *l == "types:").expect("types");
    let types_end = lines
        .iter()
        .position(|l| *l == "sections:")
        .expect("sections");
    let mut types = BTreeMap::new();
    let mut i = types_start + 1;
    while i < types_end {
        let end = block(i, types_end);
        if lines[i].starts_with("  ") {
            let name = lines[i].trim().trim_end_matches(':').to_string();
            types.insert(name, lines[i..end].join("\n"));
        }
        i = end;
    }
    let referenced = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| {
                let l = l.trim();
                ["type: ", "items: ", "values: ", "returns_map: "]
                    .iter()
                    .find_map(|p| l.strip_prefix(p))
                    .map(str::to_string)
            })
            .collect()
    };
    let mut reached = BTreeSet::new();
    let mut queue = referenced(&body);
    while let Some(name) = queue.pop() {
        if let Some(text) = types.get(&name)
            && reached.insert(name)
        {
            queue.extend(referenced(text));
        }
    }
    let mut out = String::from("types:\n");
    for (name, text) in &types {
        if reached.contains(name) {
            out.push_str(text);
            out.push('\n');
        }
    }
    out.push_str("sections:\n");
    out.push_str(&body);
    out.push('\n');
    out
}

macro_rules! imported_section {
    ($test:ident, $section:literal) => {
        #[test]
        fn $test() {
            let imported = bundled_import();
            insta::assert_snapshot!(section_with_types(&imported.text, $section));
        }
    };
}

// Nested structures (region_overrides), required_if, unions and an enum.
imported_section!(imported_network_dns_record, "Network/DNS/Record");
// required_if with several conditions.
imported_section!(imported_network_pool, "Network/Pool");
// required_if on a value (`type: basic`), on parameters and on returns.
imported_section!(imported_network_firewall, "Network/Firewall");
// Unions, and a response that is only "one or more keys matching".
imported_section!(imported_network_dns_reverse, "Network/DNS/Reverse");
// Structures inside structures, shared where identical.
imported_section!(imported_monitoring_bandwidth, "Monitoring/Bandwidth");
// The overlay's transcription and its differences from the source.
imported_section!(imported_account_auth, "Account/Auth");
