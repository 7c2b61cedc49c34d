//! The smallest spec for each class of hostile input found so far, checked
//! on every run: random cases may miss a class in a short run, these never
//! do, so a fixed class stays fixed.

use serde_json::json;

use super::case::{Case, CaseFile, Probe, Rule};

/// An API file around `body` (top-level keys after `api`), with `api_extra`
/// added to the `api` block.
fn api(api_extra: &str, body: &str) -> String {
    format!(
        "hostapi: 1\napi:\n  name: demo\n  title: Demo\n  version: \"1\"\n  base_url: https://api.example.test\n{api_extra}  credentials:\n    user: {{doc: u}}\n    pw: {{doc: p, secret: true}}\n  wire:\n    http_method: post\n    method_name: path\n    params: {{json: {{}}}}\n    auth: {{basic: {{username: user, password: pw}}}}\n    response: json\n    error: {{field_present: {{field: error_class}}}}\n{body}"
    )
}

const GET: &str = "sections:\n  Things:\n    doc: T\n    methods:\n      get: {doc: m}\n";

fn one(name: &'static str, text: String) -> (&'static str, Case) {
    files(name, vec![("spec/api.yaml", text)], Vec::new())
}

fn files(
    name: &'static str,
    files: Vec<(&str, String)>,
    probes: Vec<Probe>,
) -> (&'static str, Case) {
    let case = Case {
        focus: name,
        files: files
            .into_iter()
            .map(|(path, text)| CaseFile {
                path: path.into(),
                text,
            })
            .collect(),
        probes,
    };
    (name, case)
}

/// `(what it is, the case)`.
pub fn cases() -> Vec<(&'static str, Case)> {
    let section =
        |methods: &str| format!("sections:\n  Things:\n    doc: T\n    methods:\n{methods}");
    vec![
        one(
            "a title with a line break and an inner attribute",
            api("", GET).replace(
                "title: Demo",
                "title: \"Demo\\n#![doc = include_str!(\\\"/etc/passwd\\\")]\\nfn ZQJX() {}\"",
            ),
        ),
        one(
            "Rust code blocks in docs: ``` and ~~~ fences, indented code in a quote and a list item",
            api(
                "  doc: \"```\\nfn ZQJX() {}\\n```\"\n",
                "types:\n  Code:\n    doc: \"~~~\\nlet ZQJX = 1;\\n~~~\"\n    string: {}\nsections:\n  Things:\n    doc: \">     let ZQJX = 1;\"\n    methods:\n      get:\n        doc: \"-      let ZQJX = 1;\"\n        params:\n          code: {type: Code}\n",
            ),
        ),
        one(
            "a bidi control in a doc, C1 and DEL controls in a type's note",
            api(
                "  doc: \"a \\u202EZQJX\\u202C b\"\n",
                "types:\n  Code:\n    doc: c\n    note: \"\\u0085ZQJX\\u007F\"\n    vendor_name: \"\\u0085ZQJX\"\n    string: {}\n",
            ) + GET,
        ),
        files(
            "a spec file name with a line break",
            vec![("spec/a\nfn ZQJX() {}\n.yaml", api("", GET))],
            Vec::new(),
        ),
        files(
            "a spec file name with a line break, named in a diagnostic",
            vec![(
                "spec/a\nerror[fake]: ZQJX.yaml",
                api(
                    "",
                    &section(
                        "      get:\n        doc: m\n        params:\n          x: {type: Missing}\n",
                    ),
                ),
            )],
            Vec::new(),
        ),
        files(
            "a spec file name with a bidi control",
            vec![("spec/ZQJX\u{202e}.yaml", api("", GET))],
            Vec::new(),
        ),
        files(
            "`uses` of a library outside the spec root",
            vec![
                (
                    "spec/api.yaml",
                    api("", &format!("uses: [../outside/types.yaml]\n{GET}")),
                ),
                (
                    "outside/types.yaml",
                    "hostapi: 1\ntypes:\n  Far:\n    doc: f\n    string: {}\n".into(),
                ),
            ],
            Vec::new(),
        ),
        one(
            "a section name with a superscript",
            api(
                "",
                "sections:\n  \"x²\":\n    doc: T\n    methods:\n      get: {doc: m}\n",
            ),
        ),
        one(
            "a parameter name with a superscript",
            api(
                "",
                &section(
                    "      get:\n        doc: m\n        params:\n          \"x²\": {type: string}\n",
                ),
            ),
        ),
        one(
            "an enum value with no letter or digit",
            api(
                "",
                &format!("types:\n  Choice:\n    doc: c\n    enum: {{values: [\"🦀\"]}}\n{GET}"),
            ),
        ),
        one(
            "a parameter name with no letter or digit",
            api(
                "",
                &section(
                    "      get:\n        doc: m\n        params:\n          \"!!!\": {type: string}\n",
                ),
            ),
        ),
        one(
            "methods `maß` and `mass`",
            api("", &section("      maß: {doc: m}\n      mass: {doc: m}\n")),
        ),
        one(
            "a section name with a non-ASCII letter",
            api(
                "",
                "sections:\n  Maß:\n    doc: T\n    methods:\n      get: {doc: m}\n",
            ),
        ),
        one(
            "sections `Foo` and `FooBlocking`",
            api(
                "",
                "sections:\n  Foo:\n    doc: T\n    methods:\n      get: {doc: m}\n  FooBlocking:\n    doc: T\n    methods:\n      get: {doc: m}\n",
            ),
        ),
        one(
            "a section named like its method's request type",
            api(
                "",
                "sections:\n  TokenRequest:\n    doc: T\n    methods:\n      token:\n        doc: m\n        params:\n          timeout: {type: integer}\n",
            ),
        ),
        one(
            "sections `new` and `with_config`",
            api(
                "",
                "sections:\n  new:\n    doc: T\n    methods:\n      get: {doc: m}\n  with_config:\n    doc: T\n    methods:\n      get: {doc: m}\n",
            ),
        ),
        one(
            "a type named like an import of generated code",
            api(
                "",
                &format!("types:\n  Violation:\n    doc: v\n    string: {{}}\n{GET}"),
            ),
        ),
        one(
            "a union of the builtin `string` and a type named `String`",
            api(
                "",
                &format!(
                    "types:\n  String:\n    doc: s\n    string: {{}}\n  Either:\n    doc: e\n    union: {{of: [string, String]}}\n{GET}"
                ),
            ),
        ),
        one(
            "optional parameters whose setters are both `with_a`",
            api(
                "",
                &section(
                    "      get:\n        doc: m\n        params:\n          a: {type: string}\n          b: {type: string, rust_name: a__}\n",
                ),
            ),
        ),
        one(
            "an object that contains itself",
            api(
                "",
                &format!(
                    "types:\n  Node:\n    doc: n\n    object:\n      fields:\n        next: {{type: Node}}\n{GET}"
                ),
            ),
        ),
        one(
            "an object that contains itself through a union",
            api(
                "",
                &format!(
                    "types:\n  Node:\n    doc: n\n    object:\n      fields:\n        next: {{type: Either}}\n  Either:\n    doc: e\n    union: {{of: [Node, string]}}\n{GET}"
                ),
            ),
        ),
        one(
            "two lists of each other",
            api(
                "",
                &format!(
                    "types:\n  A:\n    doc: a\n    array: {{items: B}}\n  B:\n    doc: b\n    array: {{items: A}}\n{GET}"
                ),
            ),
        ),
        files(
            "defaults their types refuse, and a verbose-mode pattern",
            vec![(
                "spec/api.yaml",
                api(
                    "",
                    &format!(
                        "types:\n  Verbose:\n    doc: v\n    string: {{pattern: \"(?x)a # c\"}}\n  Digits:\n    doc: d\n    string: {{pattern: \"\\\\d+\"}}\n  Choice:\n    doc: c\n    enum: {{values: [a, b]}}\n{}",
                        section(
                            "      get:\n        doc: m\n        params:\n          verbose: {type: Verbose, default: a}\n          digits: {type: Digits, default: nope}\n          choice: {type: Choice, default: 1}\n          big: {type: integer, default: 18446744073709551615}\n"
                        )
                    ),
                ),
            )],
            vec![
                Probe::Pattern {
                    ty: "Verbose".into(),
                    pattern: "(?x)a # c".into(),
                    sample: "a".into(),
                },
                Probe::Default {
                    param: "digits".into(),
                    rule: Rule::Pattern("\\d+".into()),
                    value: json!("nope"),
                },
                Probe::Default {
                    param: "choice".into(),
                    rule: Rule::Enum {
                        values: vec!["a".into(), "b".into()],
                        case_insensitive: false,
                    },
                    value: json!(1),
                },
                Probe::Default {
                    param: "big".into(),
                    rule: Rule::BuiltinInteger,
                    value: json!(18446744073709551615u64),
                },
            ],
        ),
        files(
            "patterns too big for the regex engine",
            vec![(
                "spec/api.yaml",
                api(
                    "",
                    &format!(
                        "types:\n  Huge:\n    doc: h\n    string: {{pattern: \"a{{4294967295}}|b\"}}\n  Huger:\n    doc: h\n    string: {{pattern: \"(?:a{{1000}}){{100000}}|b\"}}\n{GET}"
                    ),
                ),
            )],
            vec![
                Probe::Pattern {
                    ty: "Huge".into(),
                    pattern: "a{4294967295}|b".into(),
                    sample: "b".into(),
                },
                Probe::Pattern {
                    ty: "Huger".into(),
                    pattern: "(?:a{1000}){100000}|b".into(),
                    sample: "b".into(),
                },
            ],
        ),
        one(
            "an API named `blocking`",
            api("", GET).replace("name: demo", "name: blocking"),
        ),
        one(
            "an API named `default`",
            api("", GET).replace("name: demo", "name: default"),
        ),
        files(
            "a type library no API uses, with an error",
            vec![
                ("spec/api.yaml", api("", GET)),
                (
                    "spec/lib.yaml",
                    "hostapi: 1\ntypes:\n  Bad:\n    doc: b\n    array: {items: Missing}\n".into(),
                ),
            ],
            Vec::new(),
        ),
        one(
            "a name with a bidi control quoted in a diagnostic",
            api(
                "",
                &section(
                    "      get:\n        doc: m\n        params:\n          \"ab\\u202Ec\": {type: string}\n          \"ab-c\": {type: string, rust_name: ab_c}\n",
                ),
            ),
        ),
    ]
}
