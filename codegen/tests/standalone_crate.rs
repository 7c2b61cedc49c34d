//! What `hostapi-codegen crate` writes stands alone: no absolute path from
//! this machine, a README whose spec text stays text, and a user's README
//! kept unless `--force`. (tests/crate_builds.rs builds such a crate.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pulldown_cmark::{Event, Options, Parser, Tag};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("hostapi-standalone-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn make_crate(spec: &Path, out: &Path, extra: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .arg("crate")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--name", "my-api"])
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn show(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `dir`, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push((path.clone(), fs::read_to_string(&path).unwrap()));
        }
    }
    found
}

#[test]
fn crate_never_writes_an_absolute_path() {
    let dir = temp("absolute");
    let spec = root().join("tests/fixtures/specs/constraints.yaml");
    let runtime = root().join("runtime").canonicalize().unwrap();
    let workspace = root().canonicalize().unwrap();
    for with_flag in [false, true] {
        let out = dir.join(format!("out-{with_flag}"));
        let extra: Vec<&Path> = if with_flag {
            vec![Path::new("--runtime-path"), runtime.as_path()]
        } else {
            Vec::new()
        };
        let output = make_crate(&spec, &out, &extra);
        assert_eq!(output.status.code(), Some(0), "{}", show(&output));
        let out_canonical = out.canonicalize().unwrap();
        for (file, text) in files(&out) {
            for absolute in [&workspace, &out_canonical, &dir, &runtime] {
                let absolute = absolute.to_string_lossy();
                // Inside `../../work/runtime` is fine: that is relative.
                let rooted = text
                    .match_indices(absolute.as_ref())
                    .any(|(at, _)| !text[..at].ends_with(".."));
                assert!(!rooted, "{} holds `{absolute}`", file.display());
            }
        }
        let manifest: toml_edit::DocumentMut = fs::read_to_string(out.join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let dependency = &manifest["dependencies"]["hostapi-runtime"];
        assert_eq!(dependency["version"].as_str(), Some("0.1"));
        match dependency.get("path").and_then(|p| p.as_str()) {
            None => assert!(!with_flag, "--runtime-path writes a path"),
            Some(relative) => {
                assert!(with_flag, "a path without --runtime-path");
                assert!(Path::new(relative).is_relative(), "{relative}");
                assert_eq!(out.join(relative).canonicalize().unwrap(), runtime);
            }
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Section names are also URL path segments, so without `/`.
const HOSTILE_SECTION: &str =
    "<img src=x onerror=alert(1)> `code` [x](javascript:alert(1)) *em* | a |";

const HOSTILE: &str = "<script>alert(1)</script> `code` [x](javascript:alert(1)) <b>bold</b> *em* _em_ ~~s~~ | a | b | ![i](x.png) &amp; <https://evil.test>";

/// Every event rustdoc's (and GitHub's) Markdown parser reads, with every
/// extension on.
fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, Options::all()).collect()
}

#[test]
fn spec_text_in_the_readme_stays_text() {
    let dir = temp("readme");
    let source = fs::read_to_string(root().join("tests/fixtures/specs/constraints.yaml")).unwrap();
    let yaml = |text: &str| serde_json::to_string(text).unwrap();
    let spec_text = source
        .replace(
            "title: Constraints API",
            &format!(
                "title: {}",
                yaml(&format!("{HOSTILE}\n# Heading\n\n- item"))
            ),
        )
        .replace(
            "  All:\n",
            &format!("  {}:\n    rust_name: all\n", yaml(HOSTILE_SECTION)),
        )
        .replace(
            "doc: Echoes its parameters.",
            &format!(
                "doc: {}",
                yaml(&format!("Echoes {HOSTILE}\n\n```\ncode\n```"))
            ),
        );
    assert_ne!(spec_text, source);
    let spec = dir.join("evil.yaml");
    fs::write(&spec, &spec_text).unwrap();
    let out = dir.join("out");
    let output = make_crate(&spec, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));

    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.starts_with("<!-- @generated by hostapi-codegen"));
    let mut text = String::new();
    let mut headings = 0;
    for (index, event) in events(&readme).into_iter().enumerate() {
        match event {
            // The header comment is the only HTML.
            Event::Html(html) if index <= 1 => assert!(html.contains("@generated"), "{html}"),
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML `{html}` in:\n{readme}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Link { dest_url, .. }) => assert_eq!(
                dest_url.as_ref(),
                "https://crates.io/crates/hostapi-codegen",
                "{readme}"
            ),
            Event::Start(
                tag @ (Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough),
            ) => panic!("{tag:?} from spec text in:\n{readme}"),
            // Code spans hold only names the generator made.
            Event::Code(code) => assert!(
                code.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_:- ".contains(c)),
                "{code}"
            ),
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    // The crate, the API and its one section.
    assert_eq!(headings, 3, "{readme}");
    for kept in [HOSTILE, HOSTILE_SECTION] {
        assert!(
            text.contains(kept),
            "the spec text is kept, as text:\n{text}"
        );
    }
    assert!(readme.contains("- `echo`: Echoes "), "{readme}");
    assert!(readme.contains("1 section, 1 method."), "{readme}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_users_readme_is_overwritten_only_with_force() {
    let dir = temp("users-readme");
    let out = dir.join("out");
    let spec = root().join("tests/fixtures/specs/constraints.yaml");
    let first = make_crate(&spec, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", show(&first));
    // A crate generated before READMEs were, whose user wrote one.
    let list = out.join(".hostapi-generated");
    let listed = fs::read_to_string(&list).unwrap();
    assert!(listed.contains("\nREADME.md\n"), "{listed}");
    fs::write(&list, listed.replace("\nREADME.md\n", "\n")).unwrap();
    let theirs = "# my-api\n\nMine.\n";
    fs::write(out.join("README.md"), theirs).unwrap();

    let refused = make_crate(&spec, &out, &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", show(&refused));
    assert!(
        show(&refused).contains("README.md was not written by hostapi-codegen"),
        "{}",
        show(&refused)
    );
    assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), theirs);

    let forced = make_crate(&spec, &out, &[Path::new("--force")]);
    assert_eq!(forced.status.code(), Some(0), "{}", show(&forced));
    let ours = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(ours.contains("## Constraints API"), "{ours}");
    // Listed again, so a rerun needs no --force.
    let again = make_crate(&spec, &out, &[]);
    assert_eq!(again.status.code(), Some(0), "{}", show(&again));
    let _ = fs::remove_dir_all(&dir);
}
