//! What generated docs say: a member's doc is its own (the type's phrase
//! stays on the type), no doc merely restates a name, and a method's doc
//! ends with the request it sends.

use std::path::{Path, PathBuf};

/// One API with the wire block `WIRE`, a type with a phrase, and a method
/// `Small/read` with a described and an undescribed parameter and field.
const SPEC: &str = "\
hostapi: 1
api:
  name: small
  title: Small API
  version: \"1\"
  base_url: https://api.example.test/v1
  credentials:
    username: {doc: The user.}
    password: {doc: The password., secret: true}
  wire:
WIRE
    response: json
    error: {field_equals: {field: result, value: error, message: message}}
errors:
  \"No such widget.\":
    doc: The widget does not exist.
sections:
  Small:
    doc: A section.
    methods:
      read:
        doc: Reads a widget.
        params:
          plain: {type: Count}
          described: {type: Count, doc: How many widgets to read.}
        returns:
          bare: {type: Count}
          told: {type: Count, doc: How many widgets there were.}
        errors: [\"No such widget.\"]
types:
  Count:
    doc: The phrase of Count.
    integer: {}
";

const PATH_WIRE: &str = "    http_method: post
    method_name: path
    params: {json: {envelope: params}}
    auth:
      basic: {username: username, password: password}";

const QUERY_WIRE: &str = "    http_method: get
    method_name: {query: command}
    params: query
    auth:
      params: {uid: username, pw: password}";

const FORM_WIRE: &str = "    http_method: post
    method_name: {form: action}
    params: form
    auth:
      params: {user: username, secret: password}";

fn section_file(name: &str, wire: &str) -> String {
    let dir = std::env::temp_dir().join(format!("hostapi-docs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("small.yaml"), SPEC.replace("WIRE", wire)).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .find(|f| f.path == Path::new("small/small.rs"))
        .expect("the section's file")
        .contents
}

/// The `///` lines right above the first line that starts (trimmed) with
/// `item`, without the markers.
fn doc_above(text: &str, item: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(item))
        .unwrap_or_else(|| panic!("no `{item}` in:\n{text}"));
    let mut doc: Vec<String> = lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim_start())
        .take_while(|l| l.starts_with("///"))
        .map(|l| l.trim_start_matches("///").trim().to_string())
        .collect();
    doc.reverse();
    doc
}

#[test]
fn a_member_has_its_own_doc_or_none_never_its_types_phrase() {
    let text = section_file("members", PATH_WIRE);
    assert_eq!(doc_above(&text, "plain / with_plain"), Vec::<String>::new());
    assert_eq!(
        doc_above(&text, "described / with_described"),
        ["How many widgets to read."]
    );
    assert_eq!(doc_above(&text, "bare:"), Vec::<String>::new());
    assert_eq!(doc_above(&text, "told:"), ["How many widgets there were."]);
    assert!(!text.contains("The phrase of Count."), "{text}");
}

#[test]
fn method_docs_end_with_the_errors_and_the_request_sent() {
    for (name, wire, call) in [
        ("path", PATH_WIRE, "Sends `POST {base}/Small/read`."),
        ("query", QUERY_WIRE, "Sends `GET {base}?command=read`."),
        (
            "form",
            FORM_WIRE,
            "Sends `POST {base}` with `action=read` in the form body.",
        ),
    ] {
        let text = section_file(name, wire);
        let doc = doc_above(&text, "fn read(");
        assert_eq!(
            doc,
            [
                "Reads a widget.",
                "",
                "Errors: `ApiError::NoSuchWidget`.",
                "",
                call
            ],
            "{name}"
        );
    }
}

fn generated_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A record member line: `name("wire") / with_name [secret]: Type => mode,`;
/// its Rust and wire names.
fn member_names(line: &str) -> Option<(String, String)> {
    let line = line.trim_start();
    let (head, _) = line.split_once(": ")?;
    let rust: String = head
        .trim_start_matches("r#")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if rust.is_empty() || head.starts_with("///") || head.starts_with("pub ") {
        return None;
    }
    let wire = head
        .split_once("(\"")
        .and_then(|(_, rest)| rest.split_once("\")"))
        .map_or_else(|| rust.clone(), |(wire, _)| wire.to_string());
    Some((rust, wire))
}

#[test]
fn no_generated_member_doc_only_restates_its_name() {
    let mut files = Vec::new();
    rust_files(&generated_root(), &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    let mut members = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut in_record = false;
        let mut doc: Vec<&str> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed == "hostapi_runtime::record! {" {
                in_record = true;
            } else if line == "}" {
                in_record = false;
            }
            if let Some(text) = trimmed.strip_prefix("///") {
                doc.push(text.trim());
                continue;
            }
            if in_record && let Some((rust, wire)) = member_names(line) {
                members += 1;
                let said = doc.join(" ");
                let said = said.trim_end_matches('.').trim_matches('`');
                assert!(
                    said != wire && said != rust,
                    "{}: the doc of `{rust}` only restates its name",
                    file.display()
                );
            }
            doc.clear();
        }
    }
    assert!(members > 1000, "{members} members checked");
}

#[test]
fn every_generated_method_doc_ends_with_its_request() {
    let mut files = Vec::new();
    rust_files(&generated_root(), &mut files);
    let mut methods = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            // A method's line in `section!`: `fn name(Request) -> Response = …`.
            if line.trim_start().starts_with("fn ") && line.contains(") -> ") {
                methods += 1;
                let last = lines[i - 1].trim();
                assert!(
                    last.starts_with("/// Sends `"),
                    "{}: {line} ends its doc with {last:?}",
                    file.display()
                );
            }
        }
    }
    assert!(methods > 150, "{methods} methods checked");
}
