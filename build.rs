//! With the `regenerate` feature, regenerates the clients from `spec/` into
//! `OUT_DIR` on every build where a spec changed. Without it the crate
//! compiles the checked-in `generated/` (through `src/apis.rs`) and this
//! script does nothing, so dependents never build the generator.

#[cfg(feature = "regenerate")]
fn main() {
    use std::path::PathBuf;

    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(error) =
        hostapi_codegen::build::generate_for_build(&manifest_dir.join("spec"), &out_dir)
    {
        // One cargo:error line per line, so the file:line:column survives.
        for line in error.lines() {
            println!("cargo::error={line}");
        }
    }
}

#[cfg(not(feature = "regenerate"))]
fn main() {
    // Nothing to watch but this script: without `regenerate`, spec edits
    // reach the crate only through `hostapi-codegen generate`.
    println!("cargo::rerun-if-changed=build.rs");
}
