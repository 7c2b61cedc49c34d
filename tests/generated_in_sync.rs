//! `generated/` is the reviewable copy of what `spec/` produces. A spec
//! change without regenerating fails here (and in `hostapi-codegen check`).

use std::path::Path;

#[test]
fn generated_dir_matches_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = hostapi_codegen::generate(&root.join("spec")).unwrap_or_else(|e| panic!("{e}"));
    let stale =
        hostapi_codegen::output::stale_files(&root.join("generated"), &generated.files).unwrap();
    assert!(
        stale.is_empty(),
        "generated/ is stale ({stale:?}): run `cargo run -p hostapi-codegen -- generate` and commit the result"
    );
}

/// `src/apis.rs` declares the modules of `generated/` for builds without the
/// `regenerate` feature; a new, renamed or removed API changes it.
/// `HOSTAPI_UPDATE_INDEX=1` rewrites it.
#[test]
fn checked_in_index_matches_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wanted =
        hostapi_codegen::build::checked_in_index(&root.join("spec"), Path::new("../generated"))
            .unwrap_or_else(|e| panic!("{e}"));
    let path = root.join("src/apis.rs");
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    if found == wanted {
        return;
    }
    if std::env::var_os("HOSTAPI_UPDATE_INDEX").is_some() {
        std::fs::write(&path, wanted).unwrap();
        return;
    }
    panic!(
        "src/apis.rs is stale: rerun this test with HOSTAPI_UPDATE_INDEX=1 and commit the result"
    );
}
