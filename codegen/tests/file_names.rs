//! Spec file and folder names reach line-based places (cargo's
//! `rerun-if-changed=` lines, comments in generated files, reports): a name
//! holding a control character is refused, and every report shows names
//! with hidden characters escaped.

#![cfg(unix)]

mod support;

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint::{self, format::Format};

/// A spec whose method returns the type `nope`.
fn api() -> String {
    support::minimal_head()
        + "sections:
  Things:
    doc: \"Things.\"
    methods:
      get:
        doc: \"Gets a thing.\"
        returns:
          name: {type: nope}
"
}

#[test]
fn a_spec_file_with_a_line_break_in_its_name_is_refused() {
    let dir = support::temp_dir("names-newline");
    std::fs::write(dir.join("a\nerror[fake]: b.yaml"), api()).unwrap();
    let error = hostapi_codegen::generate(&dir).unwrap_err().to_string();
    assert!(error.contains("error[file-name]"), "{error}");
    assert!(!error.contains("\nerror[fake]"), "{error}");
    let report = lint::lint_paths(std::slice::from_ref(&dir));
    for format in [Format::Text, Format::Github, Format::Junit] {
        let text = lint::format::render(&report, format, Severity::Error);
        assert!(!text.contains("\nerror[fake]"), "{format:?}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reports_show_hidden_characters_in_names_and_lines_escaped() {
    let dir = support::temp_dir("names-bidi");
    std::fs::write(
        dir.join("a\u{202E}b.yaml"),
        api().replace("nope", "no\u{202E}pe"),
    )
    .unwrap();
    let report = lint::lint_paths(std::slice::from_ref(&dir));
    assert!(report.fails(Severity::Error));
    for format in [Format::Text, Format::Github, Format::Junit] {
        let text = lint::format::render(&report, format, Severity::Error);
        assert!(!text.contains('\u{202E}'), "{format:?}: {text}");
        assert!(text.contains("\\u{202E}"), "{format:?}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_build_script_refuses_spec_folders_cargo_cannot_watch() {
    let dir = support::temp_dir("names-build");
    std::fs::create_dir_all(dir.join("spec/x\ncargo:rustc-env=X=1")).unwrap();
    std::fs::write(dir.join("spec/api.yaml"), api().replace("nope", "string")).unwrap();
    let error = hostapi_codegen::build::generate_for_build(&dir.join("spec"), &dir.join("out"))
        .unwrap_err();
    assert!(error.contains("cannot watch"), "{error}");
    assert!(!error.contains('\n'), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}
