//! `hostapi-codegen crate` makes a crate a user can build: generate one from
//! the fixture specs, build it with cargo as its user would (the
//! runtime by version, as published; cargo is pointed at this tree's runtime
//! and rules by `[patch.crates-io]` given on the command line, not in the
//! crate), and run its doctests (there must be none: spec text never
//! becomes code).

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn generated_crate_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::env::temp_dir().join(format!("hostapi-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    // Every fixture (one construct each) in one crate: all of them must compile.
    let spec = root.join("tests/fixtures/specs");
    let status = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args([
            "crate",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--name",
            "my-api",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.join("Cargo.toml").is_file() && out.join("src/lib.rs").is_file());
    assert!(out.join("src/constraints/types.rs").is_file());

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("hostapi-runtime = { version = \"0.1\"") && !manifest.contains("path ="),
        "{manifest}"
    );
    // What a user reaches from the crate root: the runtime and the types
    // every caller configures or matches on.
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::write(
        out.join("examples/root_types.rs"),
        "fn main() {\n    let config = my_api::ClientConfig::default().with_retry(my_api::RetryPolicy::none());\n    \
         let _ = (config, None::<my_api::Error<my_api::runtime::RawApiError>>, None::<my_api::runtime::ClientConfig>);\n}\n",
    )
    .unwrap();

    // Reuse the workspace's lock file and target folder (cargo does not hold
    // its lock while tests run): the same versions with the same profile,
    // so most dependencies are already built. `build`, not `check`: the
    // doctest run below needs them compiled anyway, and a `check` would
    // compile each one again as metadata.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let target: PathBuf = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let patch = patches(&root);
    let output = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--all-features", "--lib", "--examples"])
        .args(&patch)
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generated crate does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("warning"),
        "the generated crate compiles with warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Spec text is docs (tests/fixtures/specs/hostile_text.yaml holds
    // fences, indented code, CRs and bidi controls in every doc): rustdoc
    // must find no doctest in them, and the generator writes none.
    let output = Command::new(env!("CARGO"))
        .args(["test", "--doc", "--all-features"])
        .args(&patch)
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo test --doc failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let runs: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("running "))
        .collect();
    assert_eq!(runs, ["running 0 tests"], "doctests ran:\n{stdout}");
    let _ = std::fs::remove_dir_all(&out);
}

/// `--config` arguments patching crates.io's hostapi-runtime and
/// hostapi-rules with this tree's.
fn patches(root: &Path) -> Vec<String> {
    ["runtime", "rules"]
        .iter()
        .flat_map(|dir| {
            let path = root.join(dir).canonicalize().unwrap();
            // A TOML basic string: JSON's escaping is valid TOML.
            let path = serde_json::to_string(&path.to_string_lossy()).unwrap();
            [
                "--config".to_string(),
                format!("patch.crates-io.hostapi-{dir}.path={path}"),
            ]
        })
        .collect()
}
