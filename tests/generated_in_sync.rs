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
