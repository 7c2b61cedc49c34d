//! Every bundled spec with a provenance file (`spec/<api>.provenance.md`,
//! or `spec/liquidweb/<version>.provenance.md` for a Liquid Web version)
//! names exactly its methods there, one `## Section / method` heading
//! each: nothing transcribed goes without its sources, and nothing the
//! file claims is missing from the spec. An imported version
//! (`<version>.overlay.yaml` beside it) is the exception: its methods come
//! from the committed source (`source/README.md`), so its provenance file
//! names exactly the overlay's methods, the hand transcriptions and the
//! additions from newer sources.

use std::collections::BTreeSet;
use std::path::Path;

/// `Section / method` headings of a provenance file: level two or deeper,
/// one word each side of ` / `, so prose headings are not read as methods.
fn provenance_methods(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("##"))
        .map(|heading| heading.trim_start_matches('#').trim())
        .filter(|heading| {
            heading
                .split_once(" / ")
                .is_some_and(|(section, method)| !section.contains(' ') && !method.contains(' '))
        })
        .map(str::to_string)
        .collect()
}

/// `Section / method` for every method of the spec at `path`.
fn spec_methods(path: &Path) -> BTreeSet<String> {
    let spec =
        hostapi_codegen::spec::load::load_file(path).unwrap_or_else(|error| panic!("{error:?}"));
    spec.spec
        .sections
        .iter()
        .flat_map(|(section, body)| {
            body.methods
                .iter()
                .map(move |(method, _)| format!("{} / {}", section.value, method.value))
        })
        .collect()
}

#[test]
fn each_provenance_file_names_exactly_its_specs_methods() {
    let spec_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let mut checked = Vec::new();
    // A vendor with several versions keeps its specs in a folder of its own.
    let folders = [spec_root.clone(), spec_root.join("liquidweb")];
    let provenance_files = folders.iter().flat_map(|folder| {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
    });
    for path in provenance_files {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(version) = file_name.strip_suffix(".provenance.md") else {
            continue;
        };
        let spec_dir = path.parent().unwrap();
        let api = if spec_dir == spec_root {
            version.to_string()
        } else {
            format!("liquidweb_{version}")
        };
        let overlay = spec_dir.join(format!("{version}.overlay.yaml"));
        let in_spec = if overlay.is_file() {
            spec_methods(&overlay)
        } else {
            spec_methods(&spec_dir.join(format!("{version}.yaml")))
        };
        let in_provenance = provenance_methods(&std::fs::read_to_string(&path).unwrap());
        let undocumented: Vec<_> = in_spec.difference(&in_provenance).collect();
        let missing: Vec<_> = in_provenance.difference(&in_spec).collect();
        assert!(
            undocumented.is_empty() && missing.is_empty(),
            "in {api}'s spec without a provenance heading: {undocumented:?}; \
             in {api}'s provenance file but not in its spec: {missing:?}"
        );
        checked.push((api, in_spec.len()));
    }
    checked.sort();
    // The transcriptions so far: a lost file or a lost method fails here.
    let counts: Vec<(&str, bool)> = checked
        .iter()
        .map(|(a, n)| (a.as_str(), *n >= 16))
        .collect();
    assert_eq!(
        counts,
        [
            ("enom", true),
            ("liquidweb_bleed", true),
            ("liquidweb_v1", true),
            ("sivehost", true)
        ],
        "{checked:?}"
    );
    assert!(checked[0].1 >= 46, "{checked:?}");
    // Bleed: 51 transcribed methods and the 31 of its Storm/* twins.
    assert!(checked[1].1 >= 82, "{checked:?}");
    // Liquid Web v1: the overlay's two transcriptions and its additions.
    assert!(checked[2].1 >= 25, "{checked:?}");
}

#[test]
fn headings_are_read_as_methods_only_when_they_name_one() {
    let text = "## Domain / Check\n### Server/Resize / AddMoreCPU\n## The commands added\n\
                ### Commands of issue 11 not transcribed\n- Domain / Purchase\n## Shared sources\n";
    let found: Vec<String> = provenance_methods(text).into_iter().collect();
    assert_eq!(found, ["Domain / Check", "Server/Resize / AddMoreCPU"]);
}
