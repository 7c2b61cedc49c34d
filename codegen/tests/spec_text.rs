//! Spec text never becomes code: docs, comments and string literals made
//! from hostile spec text (tests/fixtures/specs/hostile_text.yaml) read as
//! rustc and rustdoc would read them. Docs are checked with pulldown-cmark,
//! the markdown parser rustdoc finds doctests with: the only code blocks
//! are `text` blocks, which rustdoc never runs.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Characters that must never appear raw in generated code.
const HIDDEN: [char; 20] = [
    '\r', '\0', '\u{1B}', '\u{7F}', '\u{85}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
    '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
    '\u{2028}', '\u{2029}', '\u{FEFF}',
];

fn hidden(c: char) -> bool {
    HIDDEN.contains(&c) || (c.is_control() && c != '\n')
}

/// One item's doc: its doc attributes' values, in order.
type Doc = Vec<String>;

/// Every doc in `tokens`, grouped per item, and every `doc` attribute's
/// value must be a plain string literal (not `include_str!`, not a macro).
fn docs(tokens: TokenStream, found: &mut Vec<Doc>) {
    let mut current: Doc = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        if let TokenTree::Punct(p) = &tree
            && p.as_char() == '#'
        {
            if matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                trees.next();
            }
            if let Some(TokenTree::Group(group)) = trees.peek()
                && group.delimiter() == Delimiter::Bracket
            {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                if matches!(inner.first(), Some(TokenTree::Ident(i)) if i == "doc") {
                    assert!(
                        inner.len() == 3 && matches!(inner[2], TokenTree::Literal(_)),
                        "a doc attribute that is not a string: #[{}]",
                        group.stream()
                    );
                    let literal: syn::LitStr = syn::parse2(inner[2].clone().into()).unwrap();
                    current.push(literal.value());
                    trees.next();
                    continue;
                }
            }
        }
        if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
        if let TokenTree::Group(group) = tree {
            docs(group.stream(), found);
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
}

/// The markdown rustdoc reads for `doc`: the lines joined, the common
/// indentation removed.
fn markdown(doc: &Doc) -> String {
    let indent = doc
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = doc.iter().map(|l| l.get(indent..).unwrap_or("")).collect();
    lines.join("\n")
}

/// The info string of every code block in `markdown` (`None`: indented).
fn code_blocks(markdown: &str) -> Vec<Option<String>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                Some(Some(info.to_string()))
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some(None),
            _ => None,
        })
        .collect()
}

/// Checks every generated file and returns every doc in them.
fn checked_docs(files: &[hostapi_codegen::GeneratedFile]) -> Vec<String> {
    let mut all = Vec::new();
    for file in files {
        let path = file.path.display();
        if let Some(c) = file.contents.chars().find(|&c| hidden(c)) {
            panic!("{path} holds U+{:04X} raw", c as u32);
        }
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        let tokens: TokenStream = file.contents.parse().unwrap();
        let mut found = Vec::new();
        docs(tokens, &mut found);
        for doc in &found {
            let text = markdown(doc);
            for block in code_blocks(&text) {
                assert_eq!(
                    block.as_deref(),
                    Some("text"),
                    "{path}: a code block rustdoc would run, in:\n{text}"
                );
            }
            all.push(text);
        }
    }
    all
}

#[test]
fn hostile_docs_render_as_text_and_never_as_code() {
    let spec = root().join("tests/fixtures/specs/hostile_text.yaml");
    let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let docs = checked_docs(&generated.files);
    // Every place that holds the shared prose shows it: module, credentials,
    // types (phrase and note), the object field, the error and its field,
    // the section, the method and its note, parameters, returned fields.
    let with_prose = docs.iter().filter(|d| d.contains("Vendor prose.")).count();
    assert!(with_prose >= 19, "only {with_prose} docs show the prose");
    // The vendor's examples stay readable, as text blocks.
    let example = "```text\nfn main() { std::process::exit(1) }\n```";
    assert!(docs.iter().filter(|d| d.contains(example)).count() >= 10);
    // A lone CR ends a line; invisible characters show as escapes.
    assert!(docs.iter().any(|d| d.contains("\nCR\n")));
    assert!(
        docs.iter()
            .any(|d| d.contains("done \\u{202E}evil\\u{202C} \\u{2066}isolate"))
    );
    // An inner doc attribute in prose is prose.
    assert!(
        docs.iter()
            .any(|d| d.contains("#!\\[doc = include_str!(\"/etc/passwd\")\\]"))
    );
}

#[test]
fn a_fence_left_open_does_not_swallow_what_the_generator_writes() {
    let spec = root().join("tests/fixtures/specs/hostile_text.yaml");
    let generated = hostapi_codegen::generate(&spec).unwrap();
    let docs = checked_docs(&generated.files);
    let module = docs
        .iter()
        .find(|d| d.starts_with("# Hostile"))
        .expect("the module doc");
    // The notes heading is still a heading, outside any block.
    let options = Options::empty();
    let heading = Parser::new_ext(module, options)
        .skip_while(|e| !matches!(e, Event::Start(Tag::Heading { .. })))
        .nth(1);
    assert!(
        matches!(&heading, Some(Event::Text(t)) if t.as_ref() == "Hostile\\u{202E} API"),
        "{heading:?}"
    );
    assert!(module.contains("\n## Transcription notes\n"));
}

#[test]
fn string_literals_escape_every_hidden_character() {
    for c in HIDDEN
        .into_iter()
        .chain(['\u{200B}', '\u{2060}', '\u{E0041}', '\u{180E}'])
    {
        let text = format!("a{c}b\\\"");
        for (how, code) in [
            (
                "proc_macro2::Literal::string",
                proc_macro2::Literal::string(&text).to_string(),
            ),
            ("format!(\"{:?}\")", format!("{text:?}")),
        ] {
            assert!(
                !code.contains(c),
                "{how} leaves U+{:04X} raw: {code}",
                c as u32
            );
            let parsed: syn::LitStr = syn::parse_str(&code).unwrap();
            assert_eq!(parsed.value(), text, "{how}");
        }
        let code = proc_macro2::Literal::character(c).to_string();
        assert!(
            !code.contains(c),
            "Literal::character leaves U+{:04X} raw",
            c as u32
        );
    }
}

const SMALL_API: &str = "\
hostapi: 1
uses: [\"LIBRARY\"]
api:
  name: small
  title: Small API
  version: \"1\"
  base_url: https://api.example.test/v1
  credentials:
    username: {doc: The user.}
    password: {doc: The password., secret: true}
  wire:
    http_method: post
    method_name: path
    params: {json: {envelope: params}}
    auth:
      basic: {username: username, password: password}
    response: json
    error: {field_present: {field: error_class, message: full_message}}
sections:
  Small:
    doc: A section.
    methods:
      read:
        doc: Reads.
        params:
          id: {type: Shared}
";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostapi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn file_names_cannot_end_the_header_comment() {
    // A line break in a spec file's name is refused when loading
    // (`file-name`); what is left to escape are characters that reorder or
    // hide text.
    let dir = temp_dir("names");
    let library = "lib\u{2066}x.yaml";
    let api = "api #![doc = include_str!(\"passwd\")] \u{202E}.yaml";
    std::fs::write(
        dir.join(library),
        "hostapi: 1\ntypes:\n  Shared:\n    doc: A shared type.\n    integer: {}\n",
    )
    .unwrap();
    let spec = SMALL_API.replace("LIBRARY", "lib\\u2066x.yaml");
    std::fs::write(dir.join(api), &spec).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files.len() > 2);
    for file in &generated.files {
        let mut lines = file.contents.lines();
        let header = lines.next().unwrap();
        assert!(
            header.starts_with("// @generated by hostapi-codegen from "),
            "{header}"
        );
        assert!(!header.contains(['\u{202E}', '\u{2066}']), "{header}");
        assert_eq!(lines.next(), Some(""), "the header is one line: {header}");
    }
    assert!(generated.files.iter().any(|f| {
        f.contents
            .contains("from api #![doc = include_str!(\"passwd\")] \\u{202E}.yaml")
    }));
    checked_docs(&generated.files);

    std::fs::write(dir.join("api\nfn x() {}\n.yaml"), &spec).unwrap();
    let error = hostapi_codegen::generate(&dir).unwrap_err().to_string();
    assert!(error.contains("error[file-name]"), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A spec whose type `Phrase` has a phrase of `lines` lines, used by
/// `fields` parameters.
fn phrase_spec(lines: usize, fields: usize) -> String {
    let mut spec = SMALL_API
        .replace("uses: [\"LIBRARY\"]\n", "")
        .replace("          id: {type: Shared}\n", "");
    for i in 0..fields {
        spec.push_str(&format!("          f{i}: {{type: Phrase}}\n"));
    }
    spec.push_str("types:\n  Phrase:\n    doc: |-\n");
    for i in 0..lines {
        spec.push_str(&format!(
            "      Phrase line {i}, long enough to be worth not copying.\n"
        ));
    }
    spec.push_str("    integer: {}\n");
    spec
}

fn generate_text(name: &str, spec: &str) -> String {
    let dir = temp_dir(name);
    std::fs::write(dir.join("small.yaml"), spec).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .iter()
        .map(|f| f.contents.as_str())
        .collect()
}

#[test]
fn a_types_phrase_is_written_once_on_the_type_not_per_member() {
    for (lines, members) in [(200, 300), (2, 3)] {
        let spec = phrase_spec(lines, members);
        let output = generate_text("phrase", &spec);
        let last = format!("Phrase line {},", lines - 1);
        assert_eq!(output.matches(&last).count(), 1, "{lines} lines");
    }
    // Output grows with members plus phrase, not their product.
    let spec = phrase_spec(200, 300);
    let output = generate_text("long-phrase", &spec);
    assert!(
        output.len() < 8 * spec.len(),
        "{} bytes of code from {} bytes of spec",
        output.len(),
        spec.len()
    );
}

/// Pieces of text that mean something to markdown or to rustc.
const PIECES: &[&str] = &[
    "```",
    "````",
    "~~~",
    "`",
    "~",
    ">",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    " ",
    "    ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "rust",
    "text",
    "ignore",
    "a",
    "fn main() {}",
    "<pre>",
    "</pre>",
    "<!--",
    "[x]",
    "\u{202E}",
    "\u{2066}",
    "\u{2028}",
    "\\",
    "#",
    "*/",
    "http://x.test/a`b",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Whatever the text, its doc lines are single lines without hidden
    /// characters, and rustdoc would find no code block but `text`.
    #[test]
    fn any_text_renders_without_runnable_code(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
    ) {
        let text: String = pieces.concat();
        let rendered = hostapi_codegen::emit::inner_doc_lines(&text);
        let mut doc = Doc::new();
        for line in rendered.lines() {
            let value = line.strip_prefix("//!");
            proptest::prop_assert!(value.is_some(), "not a doc line: {line:?}");
            let value = value.unwrap_or_default();
            proptest::prop_assert!(!value.chars().any(hidden), "hidden character in {value:?}");
            doc.push(value.to_string());
        }
        let markdown = markdown(&doc);
        for block in code_blocks(&markdown) {
            proptest::prop_assert_eq!(block.as_deref(), Some("text"), "in:\n{}", markdown);
        }
    }
}

#[test]
fn secrets_nested_or_defaulted_stay_out_of_docs_and_error_bodies() {
    let spec =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs/secrets.yaml");
    let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let users = generated
        .files
        .iter()
        .find(|f| f.path == std::path::Path::new("secrets/users.rs"))
        .expect("the section's file");
    for file in &generated.files {
        assert!(
            !file.contents.contains("PIN-4711"),
            "a secret default is shown in {}",
            file.path.display()
        );
    }
    // A secret inside a returned object marks the response secret, so a
    // decode error's body preview is redacted.
    let vault = users
        .contents
        .lines()
        .find(|line| line.contains("= GET_VAULT \"getVault\""))
        .expect("getVault is declared in `section!`");
    assert!(vault.contains("returns_secrets: true }"), "{vault}");
}
