//! `uses` stays inside the spec folder: nothing outside is opened, whether
//! named by an absolute path, by `..`, or through a link; `--uses-root`
//! (`LoadOptions::uses_root`) widens the folder on purpose.

mod support;

use std::path::{Path, PathBuf};

use hostapi_codegen::spec::load::{self, LoadOptions};

/// An API using the library `USED` for its type `Name`.
fn api(used: &str) -> String {
    support::minimal_head().replacen(
        "hostapi: 1\n",
        &format!("hostapi: 1\nuses: [{used:?}]\n"),
        1,
    ) + "sections:
  Things:
    doc: \"Things.\"
    methods:
      get:
        doc: \"Gets a thing.\"
        returns:
          name: {type: Name}
"
}

/// A library whose every line is a marker: if any of it shows up in a
/// diagnostic, the file was read.
const LIBRARY: &str = "hostapi: 1 # MARKER-LINE-1
types: # MARKER-LINE-2
  Name: {doc: \"A name.\", string: {max_length: 40}} # MARKER-LINE-3
";

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-uses-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Loads `dir/spec` and returns the diagnostics' text.
fn load_spec(dir: &Path, options: &LoadOptions) -> (String, usize) {
    let loaded = load::load_lenient_with(&[dir.join("spec")], options);
    let text = loaded.diagnostics.to_string();
    (text, loaded.set.files.len())
}

#[test]
fn a_library_outside_the_spec_folder_is_never_read() {
    let dir = temp("outside");
    write(&dir.join("outside/types.yaml"), LIBRARY);
    for used in [
        "../outside/types.yaml".to_string(),
        dir.join("outside/types.yaml").display().to_string(),
        "sub/../../outside/types.yaml".to_string(),
    ] {
        write(&dir.join("spec/api.yaml"), &api(&used));
        let (text, files) = load_spec(&dir, &LoadOptions::default());
        assert!(text.contains("error[use-outside-root]"), "{used}: {text}");
        assert!(text.contains("api.yaml:2:"), "located at the entry: {text}");
        assert!(!text.contains("MARKER"), "the file was read: {text}");
        assert_eq!(files, 1, "only the API file is loaded");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_spec_folder_is_refused() {
    let dir = temp("link");
    write(&dir.join("outside/types.yaml"), LIBRARY);
    std::os::unix::fs::symlink(dir.join("outside/types.yaml"), dir.join("spec/types.yaml"))
        .unwrap();
    write(&dir.join("spec/api.yaml"), &api("types.yaml"));
    let (text, _) = load_spec(&dir, &LoadOptions::default());
    assert!(text.contains("error[use-outside-root]"), "{text}");
    assert!(text.contains("a link to a file outside"), "{text}");
    assert!(!text.contains("MARKER"), "{text}");

    // Linked from inside to inside is fine.
    write(&dir.join("spec/lib/real.yaml"), LIBRARY);
    std::fs::remove_file(dir.join("spec/types.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.join("spec/lib/real.yaml"), dir.join("spec/types.yaml"))
        .unwrap();
    let (text, _) = load_spec(&dir, &LoadOptions::default());
    assert!(text.is_empty(), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wider_root_allows_shared_libraries_on_purpose() {
    let dir = temp("wider");
    write(&dir.join("shared/types.yaml"), LIBRARY);
    write(&dir.join("spec/api.yaml"), &api("../shared/types.yaml"));
    let options = LoadOptions {
        uses_root: Some(dir.clone()),
    };
    let (text, files) = load_spec(&dir, &options);
    assert!(text.is_empty(), "{text}");
    assert_eq!(files, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_use_of_something_that_is_not_a_spec_file_is_refused_unread() {
    let dir = temp("notspec");
    write(&dir.join("spec/notes.txt"), LIBRARY);
    write(&dir.join("spec/api.yaml"), &api("notes.txt"));
    let (text, _) = load_spec(&dir, &LoadOptions::default());
    assert!(text.contains("error[unresolved-use]"), "{text}");
    assert!(text.contains("not a spec file"), "{text}");
    assert!(!text.contains("MARKER"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_line_refuses_by_default_and_widens_with_uses_root() {
    let dir = temp("cli");
    write(&dir.join("shared/types.yaml"), LIBRARY);
    write(&dir.join("spec/api.yaml"), &api("../shared/types.yaml"));
    let spec = dir.join("spec");
    let out = dir.join("out");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
            .args(args)
            .output()
            .unwrap()
    };
    let (spec, out, root) = (
        spec.to_str().unwrap(),
        out.to_str().unwrap(),
        dir.to_str().unwrap(),
    );
    for command in [
        vec!["generate", "--spec", spec, "--out", out],
        vec!["lint", spec],
    ] {
        let refused = run(&command);
        let text = String::from_utf8_lossy(&refused.stdout).into_owned()
            + &String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{command:?}: {text}");
        assert!(text.contains("use-outside-root"), "{text}");
        assert!(!text.contains("MARKER"), "{text}");

        let mut widened = command.clone();
        widened.extend(["--uses-root", root]);
        let allowed = run(&widened);
        assert!(
            allowed.status.success(),
            "{widened:?}: {}",
            String::from_utf8_lossy(&allowed.stderr)
        );
    }
    // The library outside the spec folder is named relative to it in
    // generated headers, never by the machine's path.
    let library = std::fs::read_to_string(dir.join("out/shared_types/mod.rs")).unwrap();
    assert!(
        library.starts_with("// @generated by hostapi-codegen from ../shared/types.yaml."),
        "{}",
        library.lines().next().unwrap_or_default()
    );
    for entry in std::fs::read_dir(dir.join("out/fixture")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(root), "a machine path in generated code");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
