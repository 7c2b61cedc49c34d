//! The linter never panics, whatever it is given: arbitrary bytes, YAML
//! documents built from the spec format's own keys and values (so the
//! checker and every rule get past the loader), and random edits of real
//! specs. Every report renders in every format, JSON and SARIF parse back,
//! and every finding has a registered rule and a sane position.

use std::path::{Path, PathBuf};

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint::{self, format::Format};
use proptest::prelude::*;

fn check(path: &Path, bytes: &[u8]) {
    let report = lint::lint_source(path, bytes);
    for d in &report.findings {
        assert!(lint::rule(d.code).is_some(), "unregistered `{}`", d.code);
        if d.pos.is_known() {
            let end = d.end.expect("a known position has an end");
            assert!((end.line, end.column) > (d.pos.line, d.pos.column), "{d}");
        }
        assert!(!d.message.contains('\n'), "{d}");
    }
    for format in [
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ] {
        let out = lint::format::render(&report, format, Severity::Warning);
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
        }
    }
}

/// A YAML node, rendered in block style (or flow style for small ones).
#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    fn render(&self, indent: usize, out: &mut String) {
        match self {
            Node::Scalar(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
            Node::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
            Node::Seq(items) => {
                out.push('\n');
                for item in items {
                    out.push_str(&" ".repeat(indent));
                    out.push('-');
                    item.render(indent + 2, out);
                }
            }
            Node::Map(entries) => {
                out.push('\n');
                for (key, value) in entries {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(key);
                    out.push(':');
                    value.render(indent + 2, out);
                }
            }
        }
    }
}

const KEYS: &[&str] = &[
    "hostapi",
    "api",
    "name",
    "title",
    "version",
    "base_url",
    "docs_url",
    "doc",
    "notes",
    "credentials",
    "secret",
    "wire",
    "http_method",
    "method_name",
    "params",
    "auth",
    "basic",
    "username",
    "password",
    "response",
    "error",
    "field_present",
    "field",
    "message",
    "uses",
    "types",
    "errors",
    "sections",
    "methods",
    "returns",
    "type",
    "required",
    "optional",
    "default",
    "rust_name",
    "series",
    "string",
    "integer",
    "float",
    "boolean",
    "enum",
    "unix_time",
    "map",
    "array",
    "items",
    "values",
    "length",
    "min_length",
    "max_length",
    "chars",
    "first_char",
    "control_chars",
    "allow",
    "format",
    "min",
    "max",
    "lint",
    "rule",
    "reason",
    "match",
    "fields",
    "vendor_name",
    "note",
    "idempotent",
    "url",
    "json",
    "query",
    "form",
    "envelope",
    "api_key",
    "fooBar",
    "foo_bar",
    "Err{n}",
    "type_",
    "Code",
    "Account",
    "get",
    "token",
    "passive",
];

const SCALARS: &[&str] = &[
    "1",
    "2",
    "0",
    "-1",
    "9999999999999999999999",
    "1.5",
    ".nan",
    "true",
    "false",
    "null",
    "~",
    "\"\"",
    "string",
    "integer",
    "json",
    "boolean",
    "float",
    "Code",
    "Codes",
    "Strng",
    "https://api.example.test",
    "post",
    "get",
    "path",
    "json",
    "zero_one",
    "base64",
    "\"A 27 or 86 character code\"",
    "\"a positive integer\"",
    "\"non-negative\"",
    "\"Up to 20 characters\"",
    "\"z-a\"",
    "'a-z\\t'",
    "'\\q'",
    "missing-doc",
    "secret-name",
    "unknown-type",
    "\"\\u00e9\"",
    "[27, 86]",
    "[]",
    "{}",
    "[a, b]",
    "{min: 5, max: 1}",
    "types.yaml",
    "../x.yaml",
    "\"%\"",
    "|-\n  block\n  text",
];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(SCALARS).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 _{}:#,\\-]{0,12}".prop_map(|s| format!("{s:?}")),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-zA-Z_{}/]{1,8}",
    ]
}

fn node() -> impl Strategy<Value = Node> {
    scalar()
        .prop_map(Node::Scalar)
        .prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Node::Seq),
                proptest::collection::vec((key(), inner), 0..6).prop_map(Node::Map),
            ]
        })
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec((key(), node()), 0..8).prop_map(|entries| {
        let mut text = String::from("hostapi: 1\n");
        Node::Map(entries).render(0, &mut text);
        text
    })
}

/// Real specs: the bundled ones and every lint fixture.
fn real_specs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("../spec"), root.join("tests/lint/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[derive(Clone, Debug)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    Insert(usize, String),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), "[ -~\t\n]{0,8}").prop_map(|(at, s)| Edit::Insert(at, s)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edit: &Edit) -> Vec<u8> {
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    match edit {
        Edit::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
            lines.join("\n").into_bytes()
        }
        Edit::DuplicateLine(i) => {
            if !lines.is_empty() {
                let line = lines[i % n];
                lines.insert(i % n, line);
            }
            lines.join("\n").into_bytes()
        }
        Edit::Insert(at, s) => {
            let mut bytes = text.as_bytes().to_vec();
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, s.bytes());
            bytes
        }
        Edit::Truncate(at) => text.as_bytes()[..at % (text.len() + 1)].to_vec(),
    }
}

/// Names that stress the rules: case collisions, keywords, secrets and
/// near-secrets, placeholders, reserved names.
const NAMES: &[&str] = &[
    "id", "api_key", "apiKey", "fooBar", "foo_bar", "type", "type_", "Err{n}", "token", "passive",
    "keyword", "Self", "new", "client", "pw", "key_id", "uniq_id", "Code", "x",
];
const TYPE_REFS: &[&str] = &[
    "string", "integer", "float", "boolean", "json", "Code", "Count", "Choice", "List", "Table",
    "Missing", "Strng",
];
const DOCS: &[&str] = &[
    "\"A 27 or 86 character code\"",
    "\"A six-character identifier.\"",
    "\"A positive integer value (i.e. 1 and up).\"",
    "\"non-negative\"",
    "\"Up to 20 characters\"",
    "\"between 3 and 2 characters\"",
    "\"Must be greater than 8 characters\"",
    "\"\"",
    "\"A thing.\"",
    "\"fewer than 0 characters\"",
];
const RULE_IDS: &[&str] = &[
    "missing-doc",
    "secret-name",
    "unknown-type",
    "mixed-wire-case",
    "unused-type",
    "nope",
    "phrase-mismatch",
    "name-style",
];

/// Entries with distinct keys (the text before the first `:`), so most
/// documents are not stopped by `duplicate-key`; the first of a key wins.
fn distinct(entries: Vec<String>) -> String {
    let mut seen = std::collections::BTreeSet::new();
    entries
        .into_iter()
        .filter(|e| seen.insert(e.split(':').next().unwrap_or("").trim().to_string()))
        .collect()
}

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

fn opt(entry: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    proptest::option::of(entry).prop_map(Option::unwrap_or_default)
}

fn lint_key() -> impl Strategy<Value = String> {
    opt(
        (pick(RULE_IDS), prop_oneof![Just("\"\""), Just("\"why\"")]).prop_map(|(rule, reason)| {
            format!(", lint: {{allow: [{{rule: {rule}, reason: {reason}}}]}}")
        }),
    )
}

fn kind() -> impl Strategy<Value = String> {
    let n = || -5i64..30;
    let lengths = proptest::collection::vec(0u32..30, 0..3).prop_map(|l| format!("{l:?}"));
    prop_oneof![
        (
            opt(lengths.prop_map(|l| format!("length: {l}, "))),
            opt((0u32..30).prop_map(|m| format!("min_length: {m}, "))),
            opt((0u32..30).prop_map(|m| format!("max_length: {m}, "))),
            opt(pick(&["\"A-Z0-9\"", "\"z-a\"", "'a-z\\t'", "'\\q'", "\"-\""]).prop_map(|c| format!("chars: {c}, "))),
            opt(pick(&["\"a-z\"", "\"\""]).prop_map(|c| format!("first_char: {c}, "))),
            opt(pick(&["[]", "[tab, lf]"]).prop_map(|c| format!("control_chars: {{allow: {c}}}, "))),
            opt(pick(&["base64", "http_uri"]).prop_map(|f| format!("format: {f}"))),
        )
            .prop_map(|(a, b, c, d, e, f, g)| format!("string: {{{a}{b}{c}{d}{e}{f}{g}}}")),
        (opt(n().prop_map(|m| format!("min: {m}, "))), opt(n().prop_map(|m| format!("max: {m}"))))
            .prop_map(|(a, b)| format!("integer: {{{a}{b}}}")),
        opt(pick(&["min: 0.5", "min: .nan", "min: -1"])).prop_map(|m| format!("float: {{{m}}}")),
        proptest::collection::vec(pick(&["a", "A", "b", "Unknown", "x y", "\"\""]), 0..4)
            .prop_map(|v| format!("enum: {{values: [{}], case_insensitive: true}}", v.join(", "))),
        pick(TYPE_REFS).prop_map(|t| format!("array: {{items: {t}}}")),
        pick(TYPE_REFS).prop_map(|t| format!("map: {{values: {t}}}")),
        Just("boolean: {encoding: true_false}".to_string()),
        Just("unix_time: {}".to_string()),
        Just("string: {}\n    integer: {}".to_string()),
    ]
}

fn type_def() -> impl Strategy<Value = String> {
    (
        pick(&[
            "Code",
            "Count",
            "Choice",
            "List",
            "Table",
            "code",
            "HTTPThing",
            "string",
            "Result",
        ]),
        pick(DOCS),
        kind(),
        lint_key(),
    )
        .prop_map(|(name, doc, kind, lint)| {
            let lint = lint.trim_start_matches(", ").to_string();
            let lint = if lint.is_empty() {
                String::new()
            } else {
                format!("\n    {lint}")
            };
            format!("  {name}:\n    doc: {doc}\n    {kind}{lint}\n")
        })
}

fn member(returned: bool) -> impl Strategy<Value = String> {
    (
        pick(NAMES),
        pick(TYPE_REFS),
        any::<bool>(),
        opt(pick(&["1", "0", "\"x\"", "\"AB\"", "true", "A", "[1]"])
            .prop_map(|d| format!(", default: {d}"))),
        opt(pick(&["ok_name", "BadName", "2x", "type"]).prop_map(|r| format!(", rust_name: {r}"))),
        lint_key(),
    )
        .prop_map(move |(name, ty, flag, default, rust, lint)| {
            let extra = if returned {
                format!(", optional: {flag}, series: {flag}")
            } else {
                format!(", required: {flag}{default}")
            };
            format!(
                "          {name}: {{type: {ty}, secret: {}{extra}{rust}{lint}}}\n",
                !flag
            )
        })
}

fn method() -> impl Strategy<Value = String> {
    (
        pick(&["get", "getThing", "get_thing", "new", "Self", "list"]),
        pick(DOCS),
        proptest::collection::vec(member(false), 0..4),
        proptest::collection::vec(member(true), 0..3),
        opt(pick(&["[Gone]", "[Gon]"]).prop_map(|e| format!("        errors: {e}\n"))),
    )
        .prop_map(|(name, doc, params, returns, errors)| {
            format!(
                "      {name}:\n        doc: {doc}\n{errors}        params:\n{}        returns:\n{}",
                if params.is_empty() { "          id: {type: integer}\n".to_string() } else { distinct(params) },
                if returns.is_empty() { "          ok: {type: boolean}\n".to_string() } else { distinct(returns) },
            )
        })
}

/// A spec that follows the format's structure, with random names, types,
/// constraints, docs, defaults and allowances.
fn structured_spec() -> impl Strategy<Value = String> {
    (
        pick(&["fixture", "Fixture", "type"]),
        pick(&["https://api.example.test", "ftp://x"]),
        pick(&["path", "{query: command}", "{form: get}"]),
        proptest::collection::vec(type_def(), 0..5),
        proptest::collection::vec(method(), 1..4),
        lint_key(),
        pick(&["api_token", "api_token", "api_tokn"]),
    )
        .prop_map(|(name, base, method_name, types, methods, lint, password)| {
            let lint = lint.trim_start_matches(", ").to_string();
            format!(
                "hostapi: 1\n{lint}\napi:\n  name: {name}\n  title: T\n  version: \"1\"\n  base_url: {base}\n  credentials:\n    user: {{doc: \"u\"}}\n    api_token: {{doc: \"\"}}\n  wire:\n    http_method: get\n    method_name: {method_name}\n    params: query\n    auth: {{basic: {{username: user, password: {password}}}}}\n    response: json\n    error: {{field_present: {{field: error_class}}}}\nerrors:\n  Gone: {{doc: \"gone\"}}\ntypes:\n{}  Zzz: {{doc: \"z\", string: {{}}}}\nsections:\n  Things:\n    doc: \"Things.\"\n    methods:\n{}",
                distinct(types),
                distinct(methods)
            )
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        check(Path::new("fuzz.yaml"), &bytes);
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        check(Path::new("fuzz.yaml"), text.as_bytes());
    }

    #[test]
    fn spec_shaped_documents(doc in document()) {
        check(Path::new("fuzz.yaml"), doc.as_bytes());
    }


    #[test]
    fn edited_real_specs(index in any::<usize>(), edits in proptest::collection::vec(edit(), 1..4)) {
        let specs = real_specs();
        let path = &specs[index % specs.len()];
        let mut text = std::fs::read_to_string(path).unwrap();
        for e in &edits {
            text = String::from_utf8_lossy(&apply(&text, e)).into_owned();
        }
        // The real path, so `uses` still finds the libraries beside it.
        check(path, text.as_bytes());
    }
}

proptest! {
    // Each case lints a whole API through the checker and every rule.
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn structured_specs(doc in structured_spec()) {
        check(Path::new("fuzz.yaml"), doc.as_bytes());
    }
}

/// The structured specs must mostly get past the loader, so the checker and
/// the lint rules run on them; otherwise the property above means little.
#[test]
fn structured_specs_reach_the_checker_and_the_rules() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = structured_spec();
    let loader = ["yaml", "unknown-key", "duplicate-key", "missing-key"];
    let (mut loaded, mut lint_findings) = (0, 0);
    for _ in 0..200 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        let report = lint::lint_source(Path::new("fuzz.yaml"), doc.as_bytes());
        if !report.findings.iter().any(|d| loader.contains(&d.code)) {
            loaded += 1;
        }
        if report
            .findings
            .iter()
            .any(|d| lint::rule(d.code).is_some_and(|r| r.allowable()))
        {
            lint_findings += 1;
        }
    }
    assert!(loaded > 120, "only {loaded} of 200 specs loaded");
    assert!(
        lint_findings > 120,
        "lint rules fired on only {lint_findings} of 200"
    );
}
