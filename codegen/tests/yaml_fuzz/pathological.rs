//! Inputs made to exhaust a YAML loader: deep nesting (stack), alias and
//! merge-key expansion (memory and time), and sheer size.

/// A spec around `value`, placed where the model takes any YAML (a
/// parameter's `default` is a `serde_json::Value`), so nothing stops the
/// loader before it has built the value.
fn in_default(value: &str) -> String {
    format!(
        "hostapi: 1\napi:\n  name: demo\n  title: T\n  version: \"1\"\n  base_url: https://api.example.test\n  credentials:\n    user: {{doc: u}}\n    pw: {{doc: p, secret: true}}\n  wire:\n    http_method: post\n    method_name: path\n    params: {{json: {{}}}}\n    auth: {{basic: {{username: user, password: pw}}}}\n    response: json\n    error: {{field_present: {{field: error_class}}}}\nsections:\n  Things:\n    doc: d\n    methods:\n      get:\n        doc: d\n        params:\n          p:\n            type: json\n            default: {value}\n"
    )
}

/// `name` and the input's text.
pub fn inputs() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    out.push(("100k `[`", "[".repeat(100_000)));
    out.push(("100k `{`", "{".repeat(100_000)));
    out.push(("100k `{a: `", "{a: ".repeat(100_000)));
    out.push((
        "100k `- ` on one line",
        format!("{}x\n", "- ".repeat(100_000)),
    ));
    out.push(("100k `? `", format!("{}x\n", "? ".repeat(100_000))));
    out.push(("100k `[` in a default", in_default(&"[".repeat(100_000))));
    out.push((
        "10k nested flow lists, closed, in a default",
        in_default(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))),
    ));
    let mut deep_map = String::from("hostapi: 1\nlint:\n");
    for depth in 1..2_000 {
        deep_map.push_str(&" ".repeat(depth * 2));
        deep_map.push_str("a:\n");
    }
    out.push(("2k nested block mappings", deep_map));
    let mut deep_seq = String::new();
    for depth in 0..2_000 {
        deep_seq.push_str(&" ".repeat(depth * 2));
        deep_seq.push_str("-\n");
    }
    out.push(("2k nested block sequences", deep_seq));

    // Billion laughs: nine levels of ten aliases each, 10^9 leaves.
    let mut laughs = vec!["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]".to_string()];
    for level in 1..9 {
        let prev = format!("*l{}", level - 1);
        laughs.push(format!("&l{level} [{}]", [prev.as_str(); 10].join(", ")));
    }
    laughs.push("*l8".to_string());
    out.push((
        "billion laughs in a default",
        in_default(&format!("[{}]", laughs.join(", "))),
    ));
    out.push((
        "billion laughs at the top",
        format!("bomb: [{}]\n", laughs.join(", ")),
    ));

    // One big anchored list, aliased many times: quadratic expansion.
    let big = format!("&big [{}]", vec!["x"; 100_000].join(", "));
    let aliases = vec!["*big"; 10_000].join(", ");
    out.push((
        "100k-item list aliased 10k times in a default",
        in_default(&format!("[{big}, {aliases}]")),
    ));

    // Merge keys that double at every level.
    let mut merges = vec!["&m0 {a0: 0, b0: 0}".to_string()];
    for level in 1..30 {
        let prev = level - 1;
        merges.push(format!(
            "&m{level} {{<<: [*m{prev}, *m{prev}], a{level}: {{<<: *m{prev}}}, b{level}: {{<<: *m{prev}}}}}"
        ));
    }
    out.push((
        "merge keys doubling 30 times in a default",
        in_default(&format!("[{}]", merges.join(", "))),
    ));

    // Each map holds the one before: nesting and replay both grow.
    let chain: Vec<String> = std::iter::once("&c0 {a: 1}".to_string())
        .chain((1..100_000).map(|i| format!("&c{i} {{a: *c{}}}", i - 1)))
        .collect();
    out.push((
        "100k-long alias chain of maps in a default",
        in_default(&format!("[{}]", chain.join(", "))),
    ));

    out.push((
        "100k anchors",
        format!(
            "lint: [{}]\n",
            (0..100_000)
                .map(|i| format!("&a{i} x"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    out.push((
        "16 MiB scalar",
        in_default(&format!("\"{}\"", "x".repeat(16 << 20))),
    ));
    out.push(("16 MiB plain line", "x".repeat(16 << 20)));
    out.push(("100k documents", "---\na: 1\n".repeat(100_000)));
    let mut many_keys = String::from("hostapi: 1\ntypes:\n");
    for i in 0..20_000 {
        many_keys.push_str(&format!("  T{i}: {{doc: d, string: {{}}}}\n"));
    }
    out.push(("20k types", many_keys));
    out.push((
        "1M combining marks in a key",
        format!(
            "hostapi: 1\ntypes:\n  \"A{}\": {{doc: d, string: {{}}}}\n",
            "\u{301}".repeat(1_000_000)
        ),
    ));
    out
}
