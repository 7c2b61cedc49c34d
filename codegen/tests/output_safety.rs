//! `generate --out` and `crate --out` touch only what they wrote before:
//! a user's files are never deleted, and overwritten only with `--force`;
//! refusals exit 2 and are named; spec text never becomes code in the
//! standalone crate's `lib.rs` or `Cargo.toml`. Drives the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quote::ToTokens;

const MANIFEST: &str = ".hostapi-generated";

fn fixture_spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/specs")
        .join(name)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-safety-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn make_crate(spec: &Path, out: &Path, force: bool) -> Output {
    let mut args: Vec<&Path> = vec![
        Path::new("crate"),
        Path::new("--spec"),
        spec,
        Path::new("--out"),
        out,
        Path::new("--name"),
        Path::new("my-api"),
    ];
    if force {
        args.push(Path::new("--force"));
    }
    run(&args)
}

fn generate(spec: &Path, out: &Path) -> Output {
    run(&[
        Path::new("generate"),
        Path::new("--spec"),
        spec,
        Path::new("--out"),
        out,
    ])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stdout and stderr, for assertion messages.
fn show(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A spec folder holding copies of the named fixtures.
fn spec_dir(name: &str, fixtures: &[&str]) -> PathBuf {
    let dir = temp(name);
    for fixture in fixtures {
        fs::copy(fixture_spec(fixture), dir.join(fixture)).unwrap();
    }
    dir
}

#[test]
fn crate_reruns_over_its_own_output_and_keeps_user_files() {
    let root = temp("crate-rerun");
    let out = root.join("out");
    let spec = fixture_spec("constraints.yaml");
    let first = make_crate(&spec, &out, false);
    assert_eq!(first.status.code(), Some(0), "{}", show(&first));
    assert!(read(&out.join(MANIFEST)).contains("\nsrc/lib.rs\n"));

    let users = [
        out.join("NOTES.md"),
        out.join("build.rs"),
        out.join("src/extra.rs"),
        out.join("src/constraints/mine.rs"),
    ];
    for file in &users {
        fs::write(file, "// the user's\n").unwrap();
    }
    let second = make_crate(&spec, &out, false);
    assert_eq!(second.status.code(), Some(0), "{}", show(&second));
    let summary = text(&second.stdout);
    assert!(
        summary.contains("0 files written") && summary.contains("0 removed, 0 refused"),
        "{summary}"
    );
    for file in &users {
        assert_eq!(
            read(file),
            "// the user's\n",
            "{} was touched",
            file.display()
        );
    }
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn crate_into_a_foreign_folder_needs_force_and_keeps_what_it_does_not_generate() {
    let root = temp("crate-foreign");
    let out = root.join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    let cargo_toml = "[package]\nname = \"mine\"\n";
    fs::write(out.join("Cargo.toml"), cargo_toml).unwrap();
    fs::write(out.join("src/lib.rs"), "pub fn mine() {}\n").unwrap();
    fs::write(out.join("src/util.rs"), "pub fn util() {}\n").unwrap();
    let spec = fixture_spec("constraints.yaml");

    let refused = make_crate(&spec, &out, false);
    assert_eq!(refused.status.code(), Some(2), "{}", show(&refused));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("--force") && stderr.contains(MANIFEST),
        "{stderr}"
    );
    assert!(
        text(&refused.stdout).contains("1 refused"),
        "{}",
        show(&refused)
    );
    assert_eq!(read(&out.join("Cargo.toml")), cargo_toml);
    assert_eq!(read(&out.join("src/lib.rs")), "pub fn mine() {}\n");
    assert!(!out.join(MANIFEST).exists() && !out.join("src/constraints").exists());

    let forced = make_crate(&spec, &out, true);
    assert_eq!(forced.status.code(), Some(0), "{}", show(&forced));
    assert!(read(&out.join("Cargo.toml")).contains("name = \"my-api\""));
    assert_eq!(read(&out.join("src/util.rs")), "pub fn util() {}\n");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_users_cargo_toml_in_our_crate_is_overwritten_only_with_force() {
    let root = temp("crate-cargo-toml");
    let out = root.join("out");
    let spec = fixture_spec("constraints.yaml");
    assert!(make_crate(&spec, &out, false).status.success());
    // The user takes the file over: their own, without our header.
    let theirs = "[package]\nname = \"my-api\"\nversion = \"2.0.0\"\n";
    fs::write(out.join("Cargo.toml"), theirs).unwrap();
    fs::remove_file(out.join("src/constraints/types.rs")).unwrap();

    let refused = make_crate(&spec, &out, false);
    assert_eq!(refused.status.code(), Some(2), "{}", show(&refused));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("Cargo.toml was not written by hostapi-codegen"),
        "{stderr}"
    );
    assert!(
        text(&refused.stdout).contains("1 files written"),
        "{}",
        show(&refused)
    );
    assert_eq!(read(&out.join("Cargo.toml")), theirs);
    assert!(
        out.join("src/constraints/types.rs").is_file(),
        "the rest is written"
    );

    let forced = make_crate(&spec, &out, true);
    assert_eq!(forced.status.code(), Some(0), "{}", show(&forced));
    assert!(read(&out.join("Cargo.toml")).starts_with("# @generated by hostapi-codegen"));
    // Ours again: no --force needed from now on.
    assert!(make_crate(&spec, &out, false).status.success());
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn generate_removes_and_reports_what_it_no_longer_generates_and_nothing_else() {
    let root = temp("generate-remove");
    let out = root.join("out");
    let both = spec_dir("generate-remove-both", &["constraints.yaml", "lists.yaml"]);
    let one = spec_dir("generate-remove-one", &["constraints.yaml"]);
    let first = generate(&both, &out);
    assert_eq!(first.status.code(), Some(0), "{}", show(&first));
    assert!(out.join("lists/mod.rs").is_file());
    fs::write(out.join("notes.rs"), "// the user's notes\n").unwrap();
    fs::write(out.join("lists/mine.rs"), "// the user's\n").unwrap();
    fs::write(out.join("constraints/mine.rs"), "// the user's\n").unwrap();
    // Checked: the user's files are not stale, the manifest still is fine.
    let check = run(&[
        Path::new("check"),
        Path::new("--spec"),
        &both,
        Path::new("--out"),
        &out,
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", show(&check));

    let second = generate(&one, &out);
    assert_eq!(second.status.code(), Some(0), "{}", show(&second));
    let stdout = text(&second.stdout);
    let removed = stdout.lines().filter(|l| l.starts_with("removed ")).count();
    assert!(removed >= 2, "{stdout}");
    assert!(
        stdout.contains(&format!("{removed} removed, 0 refused")),
        "{stdout}"
    );
    assert!(
        stdout.contains("lists/mod.rs (no longer generated)"),
        "{stdout}"
    );
    assert!(!out.join("lists/mod.rs").exists());
    assert_eq!(read(&out.join("notes.rs")), "// the user's notes\n");
    assert_eq!(read(&out.join("lists/mine.rs")), "// the user's\n");
    assert_eq!(read(&out.join("constraints/mine.rs")), "// the user's\n");
    let manifest = read(&out.join(MANIFEST));
    assert!(!manifest.contains("lists/") && manifest.contains("constraints/mod.rs"));
    for dir in [root, both, one] {
        let _ = fs::remove_dir_all(dir);
    }
}

/// A spec path with no spec files is a mistake, not an API with nothing
/// in it: generating from it would remove everything generated before.
#[test]
fn generate_from_a_folder_without_specs_fails_and_removes_nothing() {
    let root = temp("generate-empty");
    let out = root.join("out");
    let spec = spec_dir("generate-empty-spec", &["constraints.yaml"]);
    let first = generate(&spec, &out);
    assert_eq!(first.status.code(), Some(0), "{}", show(&first));
    let empty = temp("generate-empty-none");
    fs::write(empty.join("README.md"), "not a spec\n").unwrap();
    for command in ["generate", "check"] {
        let output = run(&[
            Path::new(command),
            Path::new("--spec"),
            &empty,
            Path::new("--out"),
            &out,
        ]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{command}: {}",
            show(&output)
        );
        assert!(
            text(&output.stderr).contains("no spec files"),
            "{}",
            show(&output)
        );
    }
    assert!(out.join("constraints/mod.rs").is_file());
    for dir in [root, spec, empty] {
        let _ = fs::remove_dir_all(dir);
    }
}

#[test]
fn generate_does_not_overwrite_a_users_file_in_an_api_folder() {
    let root = temp("generate-user-file");
    let out = root.join("out");
    let spec = fixture_spec("constraints.yaml");
    assert!(generate(&spec, &out).status.success());
    // Remove the file from the manifest: the user claims it.
    let manifest = read(&out.join(MANIFEST)).replace("constraints/errors.rs\n", "");
    fs::write(out.join(MANIFEST), manifest).unwrap();
    fs::write(out.join("constraints/errors.rs"), "// the user's\n").unwrap();

    let output = generate(&spec, &out);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        text(&output.stderr).contains("constraints/errors.rs was not written by hostapi-codegen"),
        "{}",
        show(&output)
    );
    assert_eq!(read(&out.join("constraints/errors.rs")), "// the user's\n");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_manifest_naming_paths_outside_the_folder_is_refused() {
    let root = temp("outside");
    let out = root.join("out");
    let spec = fixture_spec("constraints.yaml");
    assert!(generate(&spec, &out).status.success());
    let victim = root.join("victim.rs");
    let looks_ours = "// @generated by hostapi-codegen, it claims\n";
    fs::write(&victim, looks_ours).unwrap();
    let mut manifest = read(&out.join(MANIFEST));
    manifest.push_str(&format!("../victim.rs\n{}\n", victim.display()));
    fs::write(out.join(MANIFEST), manifest).unwrap();

    let check = run(&[
        Path::new("check"),
        Path::new("--spec"),
        &spec,
        Path::new("--out"),
        &out,
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", show(&check));
    assert!(text(&check.stderr).contains(&format!("{MANIFEST} (changed)")));

    let output = generate(&spec, &out);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("names `../victim.rs`"), "{stderr}");
    assert!(stderr.contains("which is not a path inside"), "{stderr}");
    assert_eq!(
        read(&victim),
        looks_ours,
        "a file outside the folder is never touched"
    );
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn an_output_that_is_a_file_is_an_error() {
    let root = temp("out-file");
    let out = root.join("out");
    fs::write(&out, "a file\n").unwrap();
    let output = generate(&fixture_spec("constraints.yaml"), &out);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        text(&output.stderr).contains("is not a folder"),
        "{}",
        show(&output)
    );
    assert_eq!(read(&out), "a file\n");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn force_is_only_for_commands_that_write_folders() {
    let output = run(&[Path::new("check"), Path::new("--force")]);
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(text(&output.stderr).contains("unexpected argument '--force'"));
}

/// Each inner attribute of `lib.rs` is a doc string and each item a plain
/// `mod` declaration or a re-export from the runtime: nothing else can run
/// or read files.
fn assert_inert(file: &syn::File) -> Vec<String> {
    let mut docs = Vec::new();
    for attr in &file.attrs {
        let syn::Meta::NameValue(doc) = &attr.meta else {
            panic!("not a doc attribute: {}", attr.to_token_stream());
        };
        assert!(doc.path.is_ident("doc"));
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = &doc.value
        else {
            panic!("a doc attribute that is not a string literal");
        };
        docs.push(text.value());
    }
    for item in &file.items {
        if let syn::Item::Use(import) = item {
            let root = match &import.tree {
                syn::UseTree::Path(path) => &path.ident,
                syn::UseTree::Rename(rename) => &rename.ident,
                _ => panic!("not a runtime re-export: {}", import.to_token_stream()),
            };
            assert_eq!(root, "hostapi_runtime");
            continue;
        }
        let syn::Item::Mod(module) = item else {
            panic!("lib.rs holds more than module declarations and re-exports");
        };
        assert!(module.content.is_none());
        for attr in &module.attrs {
            assert!(attr.path().is_ident("cfg"), "{}", attr.to_token_stream());
        }
    }
    docs
}

#[test]
fn spec_titles_reach_lib_rs_only_as_doc_text() {
    let root = temp("title");
    let spec = root.join("evil.yaml");
    let evil_title =
        "Evil\\n#![doc = include_str!(\\\"/etc/passwd\\\")]\\n*/ ] [x](file:///etc/passwd)";
    let source = read(&fixture_spec("constraints.yaml"))
        .replace(
            "title: Constraints API",
            &format!("title: \"{evil_title}\""),
        )
        .replace("version: \"1\"", "version: \"1\\\"\\n[workspace]\"");
    assert_ne!(source, read(&fixture_spec("constraints.yaml")));
    fs::write(&spec, source).unwrap();
    let out = root.join("out");
    let output = make_crate(&spec, &out, false);
    // A future spec check may reject such a title: then with a position and
    // nothing written. Accepted, it must be inert.
    if output.status.code() == Some(1) {
        assert!(
            text(&output.stderr).contains("evil.yaml:"),
            "{}",
            show(&output)
        );
        assert!(!out.exists());
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));

    let lib = read(&out.join("src/lib.rs"));
    let file = syn::parse_file(&lib).unwrap_or_else(|e| panic!("{e}\n{lib}"));
    let docs = assert_inert(&file).join("\n");
    assert!(
        docs.contains("include_str!"),
        "the title stays, as text: {docs}"
    );
    assert!(!lib.contains("#![doc = include_str!"), "{lib}");

    let cargo_toml = read(&out.join("Cargo.toml"));
    let document: toml_edit::DocumentMut = cargo_toml.parse().expect("valid TOML");
    assert_eq!(document["package"]["name"].as_str(), Some("my-api"));
    // The title reaches the manifest only as the description, one string.
    let description = document["package"]["description"].as_str().unwrap();
    assert!(description.contains("Evil"), "{cargo_toml}");
    assert!(!description.contains('\n'), "{description}");
    assert!(
        document
            .get("workspace")
            .is_some_and(|w| w.as_table().unwrap().is_empty())
    );
    assert!(document.get("patch").is_none(), "{cargo_toml}");
    let _ = fs::remove_dir_all(&root);
}
