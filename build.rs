//! Regenerates the clients from `spec/` on every build where a spec changed.

use std::path::PathBuf;

fn main() {
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
