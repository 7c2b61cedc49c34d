//! A section's alias never sends the reader into another section: records
//! several sections have in common live in the API's `shared` module, and
//! those several APIs of a type library have in common in the library's.

use std::path::Path;

/// Every `pub type X = super::<module>::Y;` in the checked-in output names
/// `types`, `errors` or `shared`, or a library's `shared`
/// (`super::super::<library>::shared::Y`), never a sibling section.
#[test]
fn no_alias_crosses_into_another_section() {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let mut crossing = Vec::new();
    let mut shared_aliases = 0;
    let mut library_aliases = 0;
    for api in std::fs::read_dir(&generated).expect("generated/ exists") {
        let api = api.expect("readable entry").path();
        if !api.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&api).expect("readable API directory") {
            let file = file.expect("readable entry").path();
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("readable file");
            for line in text.lines() {
                let Some(target) = line
                    .trim()
                    .strip_prefix("pub type ")
                    .and_then(|rest| rest.split_once(" = super::"))
                    .map(|(_, target)| target)
                else {
                    continue;
                };
                let mut path = target.split("::");
                let module = path.next().unwrap_or(target);
                if module == "super" {
                    let library = path.next().unwrap_or_default();
                    let in_library = path.next() == Some("shared")
                        && generated.join(library).join("shared.rs").is_file();
                    if in_library {
                        library_aliases += 1;
                    } else {
                        crossing.push(format!("{}: {line}", file.display()));
                    }
                    continue;
                }
                match module {
                    "shared" => shared_aliases += 1,
                    "types" | "errors" => {}
                    _ if !target.contains("::") => {}
                    _ => crossing.push(format!("{}: {line}", file.display())),
                }
            }
        }
    }
    assert!(
        crossing.is_empty(),
        "aliases into other sections:\n{crossing:#?}"
    );
    // liquidweb_v1's `delete` and `details` methods share records, so the
    // walk above did see aliases.
    assert!(shared_aliases > 10, "only {shared_aliases} shared aliases");
    // And liquidweb_bleed's Cloud/* sections take what v1's Storm/* take.
    assert!(
        library_aliases > 10,
        "only {library_aliases} library aliases"
    );
}
