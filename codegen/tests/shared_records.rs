//! A section's alias never sends the reader into another section: records
//! several sections have in common live in the API's `shared` module, and
//! those several APIs of a type library have in common in the library's.
//! The one exception is a twin (`twin_of`): the same methods as its
//! section under another name, whose records are that section's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// (API module, twin section module, its section's module) of every
/// `twin_of` in the specs under `spec`.
fn twin_modules(spec: &Path) -> HashSet<(String, String, String)> {
    let set = hostapi_codegen::spec::load::load_paths(&[spec.to_path_buf()]).unwrap();
    let workspace = hostapi_codegen::ir::build(&set).unwrap();
    let mut found = HashSet::new();
    for file in set.files.values() {
        let Some(meta) = &file.spec.api else { continue };
        let api = workspace
            .apis
            .iter()
            .find(|a| a.module == meta.name.value)
            .unwrap();
        let module = |name: &str| {
            let section = api.sections.iter().find(|s| s.name == name).unwrap();
            section.module.clone()
        };
        for (name, section) in file.spec.sections.iter() {
            if let Some(target) = &section.twin_of {
                found.insert((
                    api.module.clone(),
                    module(&name.value),
                    module(&target.value),
                ));
            }
        }
    }
    found
}

/// Every `pub type X = super::<module>::Y;` in the checked-in output names
/// `types`, `errors` or `shared`, or a library's `shared`
/// (`super::super::<library>::shared::Y`), never a sibling section, unless
/// the file is a twin's and the sibling its section.
#[test]
fn no_alias_crosses_into_another_section() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let generated = root.join("generated");
    let twins = twin_modules(&root.join("spec"));
    let mut crossing = Vec::new();
    let mut shared_aliases = 0;
    let mut library_aliases = 0;
    let mut twin_aliases = 0;
    for api in std::fs::read_dir(&generated).expect("generated/ exists") {
        let api = api.expect("readable entry").path();
        if !api.is_dir() {
            continue;
        }
        let api_module = api.file_name().unwrap().to_string_lossy().to_string();
        for file in std::fs::read_dir(&api).expect("readable API directory") {
            let file: PathBuf = file.expect("readable entry").path();
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let section = file.file_stem().unwrap().to_string_lossy().to_string();
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
                    _ if twins.contains(&(
                        api_module.clone(),
                        section.clone(),
                        module.to_string(),
                    )) =>
                    {
                        twin_aliases += 1
                    }
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
    // And bleed's Storm/* twins name their Cloud sections' records.
    assert!(twin_aliases > 10, "only {twin_aliases} twin aliases");
}

/// A twin section's file declares its methods and names its section's
/// records, groups included; no record is defined twice, and the section's
/// own file is what it would be without the twin.
#[test]
fn a_twin_section_names_its_sections_records() {
    let dir = std::env::temp_dir().join(format!("hostapi-twin-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "hostapi: 1
api:
  name: fixture
  title: Fixture API
  version: \"1\"
  base_url: https://api.example.test
  credentials:
    user: {doc: \"The user name.\"}
    password: {doc: \"The password.\", secret: true}
  wire:
    http_method: post
    method_name: path
    params: {json: {}}
    auth: {basic: {username: user, password: password}}
    response: json
    error: {field_present: {field: error_class}}
sections:
  Mail:
    doc: \"Mail.\"
    methods:
      forward:
        doc: \"Sets forwardings.\"
        params:
          id: {type: integer}
        groups:
          entries:
            record: Entry
            count: Count
            members:
              Address{n}: {type: string, required: true}
        returns:
          ok: {type: string}
      details:
        doc: \"Reads a mailbox.\"
        params:
          id: {type: integer, required: true}
          name: {type: string}
          size: {type: integer}
          note: {type: string}
        returns:
          ok: {type: string}
          size: {type: integer}
";
    let alone = dir.join("alone.yaml");
    std::fs::write(&alone, head).unwrap();
    let twinned = dir.join("twinned.yaml");
    let twin = "  OldMail:\n    doc: \"Mail, older name.\"\n    twin_of: Mail\n";
    std::fs::write(&twinned, format!("{head}{twin}")).unwrap();
    let file = |path: &Path, name: &str| {
        let generated = hostapi_codegen::generate(path).unwrap();
        generated
            .files
            .into_iter()
            .find(|f| f.path.ends_with(name))
            .unwrap_or_else(|| panic!("no {name}"))
            .contents
    };
    let mail_alone = file(&alone, "fixture/mail.rs");
    let mail = file(&twinned, "fixture/mail.rs");
    let old_mail = file(&twinned, "fixture/old_mail.rs");
    std::fs::remove_dir_all(&dir).ok();
    // The headers name the spec files, which differ.
    let body = |text: &str| text.split_once('\n').map(|(_, rest)| rest.to_string());
    assert_eq!(body(&mail), body(&mail_alone));
    assert!(mail.contains("pub struct Entry: send"), "{mail}");
    assert!(!old_mail.contains("record!"), "{old_mail}");
    for alias in [
        "pub type Entry = super::mail::Entry;",
        "pub type ForwardRequest = super::mail::ForwardRequest;",
        "pub type ForwardResponse = super::mail::ForwardResponse;",
        "pub type DetailsRequest = super::mail::DetailsRequest;",
        "pub type DetailsResponse = super::mail::DetailsResponse;",
    ] {
        assert!(old_mail.contains(alias), "{alias} in {old_mail}");
    }
    assert!(old_mail.contains("section \"OldMail\""), "{old_mail}");
}
