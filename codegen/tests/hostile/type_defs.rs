//! Strategies for the `types` of a spec: the ordinary types members refer
//! to (with hostile constraints when the focus says so), types with planted
//! defaults, recursive graphs and long chains, and types under hostile names.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::case::Rule;
use super::pools;
use super::strategy::{Focus, GRAPH_TYPES, S, distinct, entry, map, member, mix, opt, strs, text};
use super::yaml::Y;

/// A default with a known rule: a type `D{i}` (or a builtin) and a value,
/// as JSON text (YAML reads JSON the same way).
pub(super) fn default_unit(f: Focus) -> S<(Option<Y>, Rule, String)> {
    let bound = || {
        select(vec![
            None,
            Some(-1i64),
            Some(0),
            Some(1),
            Some(5),
            Some(i64::MAX),
        ])
    };
    let int = (
        bound(),
        bound(),
        select(vec![
            "0",
            "1",
            "5",
            "6",
            "-1",
            "-2",
            "9223372036854775807",
            "18446744073709551615",
            "\"5\"",
            "1.5",
            "true",
            "[1]",
        ]),
    )
        .prop_map(|(min, max, value)| {
            let def = map([
                ("doc".to_string(), Y::str("An integer.")),
                (
                    "integer".to_string(),
                    map(min
                        .map(|m| ("min".to_string(), Y::raw(m.to_string())))
                        .into_iter()
                        .chain(max.map(|m| ("max".to_string(), Y::raw(m.to_string()))))),
                ),
            ]);
            (Some(def), Rule::Integer { min, max }, value.to_string())
        });
    let len = || select(vec![None, Some(0u32), Some(1), Some(3), Some(6)]);
    let text_rule = (
        proptest::option::of(vec(0u32..7, 0..3)),
        len(),
        len(),
        select(vec![
            "\"\"",
            "\"x\"",
            "\"xxx\"",
            "\"xxxxxx\"",
            "\"xxxxxxx\"",
            "3",
            "null",
        ]),
    )
        .prop_map(|(lengths, min, max, value)| {
            let mut rule = vec![];
            rule.extend(entry(
                "length",
                lengths.clone().map(|l| Y::raw(format!("{l:?}"))),
            ));
            rule.extend(entry("min_length", min.map(|m| Y::raw(m.to_string()))));
            rule.extend(entry("max_length", max.map(|m| Y::raw(m.to_string()))));
            let def = map([
                ("doc".to_string(), Y::str("Some text.")),
                ("string".to_string(), map(rule)),
            ]);
            (
                Some(def),
                Rule::Text { lengths, min, max },
                value.to_string(),
            )
        });
    let enumeration = (
        select(vec![vec!["a", "b"], vec!["A", "b"], vec!["a", "A"], vec![]]),
        any::<bool>(),
        select(vec!["\"a\"", "\"A\"", "\"b\"", "\"c\"", "\"\"", "1"]),
    )
        .prop_map(|(values, ci, value)| {
            let def = map([
                ("doc".to_string(), Y::str("One of a few.")),
                (
                    "enum".to_string(),
                    map([
                        (
                            "values".to_string(),
                            Y::Seq(values.iter().map(|v| Y::str(*v)).collect()),
                        ),
                        ("case_insensitive".to_string(), Y::raw(ci.to_string())),
                    ]),
                ),
            ]);
            let rule = Rule::Enum {
                values: values.iter().map(|v| v.to_string()).collect(),
                case_insensitive: ci,
            };
            (Some(def), rule, value.to_string())
        });
    let pattern = (select(pools::PATTERNS), any::<bool>()).prop_map(|((pattern, sample), good)| {
        let def = map([
            ("doc".to_string(), Y::str("Matches a pattern.")),
            (
                "string".to_string(),
                map([("pattern".to_string(), Y::str(pattern))]),
            ),
        ]);
        let value = match sample {
            Some((text, n)) if good && n < 10_000 => text.repeat(n),
            _ => "nope".to_string(),
        };
        let value = serde_json::to_string(&value).unwrap();
        (Some(def), Rule::Pattern(pattern.to_string()), value)
    });
    let builtin = select(vec![
        (Rule::BuiltinString, "\"x\""),
        (Rule::BuiltinString, "1"),
        (Rule::BuiltinInteger, "1"),
        (Rule::BuiltinInteger, "\"1\""),
        (Rule::BuiltinInteger, "1.5"),
        (Rule::BuiltinInteger, "18446744073709551615"),
        (Rule::BuiltinBoolean, "true"),
        (Rule::BuiltinBoolean, "1"),
        (Rule::BuiltinBoolean, "2"),
        (Rule::BuiltinBoolean, "\"true\""),
        (Rule::BuiltinFloat, "1.5"),
        (Rule::BuiltinFloat, "\"x\""),
    ])
    .prop_map(|(rule, value)| (None, rule, value.to_string()));
    let benign = Just((
        Some(map([
            ("doc".to_string(), Y::str("An integer.")),
            ("integer".to_string(), Y::raw("{min: 0, max: 10}")),
        ])),
        Rule::Integer {
            min: Some(0),
            max: Some(10),
        },
        "5".to_string(),
    ))
    .boxed();
    let hostile = prop_oneof![int, text_rule, enumeration, pattern, builtin].boxed();
    mix(f.constraints, benign, hostile)
}

/// A `string` rule.
fn string_rule(f: Focus) -> S<Y> {
    let benign = Just(map([("max_length".to_string(), Y::raw("20"))])).boxed();
    let lengths = prop_oneof![
        Just("[]".to_string()),
        Just("[0]".to_string()),
        Just("[4294967295]".to_string()),
        Just("[3, 1]".to_string()),
        Just("[6]".to_string()),
    ];
    let hostile = (
        opt(lengths.boxed()),
        opt(select(vec!["0", "5", "4294967295"])
            .prop_map(str::to_string)
            .boxed()),
        opt(select(vec!["0", "3", "4294967295"])
            .prop_map(str::to_string)
            .boxed()),
        opt(strs(pools::CHAR_CLASSES)),
        opt(strs(pools::CHAR_CLASSES)),
        opt(strs(pools::CHAR_CLASSES)),
        opt(select(vec![
            (0u32, vec![]),
            (5, vec!["digit"]),
            (1, vec!["letter", "digit"]),
        ])
        .boxed()),
        opt(strs(&[
            "base64",
            "http_uri",
            "hostname",
            "fqdn",
            "domain_name",
            "email",
            "date",
            "ipv6",
            "mime_type",
            "nonsense",
        ])),
        opt(select(pools::PATTERNS)
            .prop_map(|(p, _)| p.to_string())
            .boxed()),
        opt(select(vec!["[]", "[tab, cr, lf]", "[bell]"]).boxed()),
    )
        .prop_map(
            |(length, min, max, chars, first, not, classes, format, pattern, control)| {
                let mut e = vec![];
                e.extend(entry("length", length.map(Y::Raw)));
                e.extend(entry("min_length", min.map(Y::Raw)));
                e.extend(entry("max_length", max.map(Y::Raw)));
                e.extend(entry("chars", chars.map(Y::Str)));
                e.extend(entry("first_char", first.map(Y::Str)));
                e.extend(entry("not_chars", not.map(Y::Str)));
                e.extend(entry(
                    "classes",
                    classes.map(|(n, of)| {
                        Y::raw(format!("{{at_least: {n}, of: [{}]}}", of.join(", ")))
                    }),
                ));
                e.extend(entry("format", format.map(Y::Raw)));
                e.extend(entry("pattern", pattern.map(Y::Str)));
                e.extend(entry(
                    "control_chars",
                    control.map(|c| Y::raw(format!("{{allow: {c}}}"))),
                ));
                map(e)
            },
        )
        .boxed();
    mix(f.constraints, benign, hostile)
}

fn kind(key: &str, rule: Y) -> Y {
    map([(key.to_string(), rule)])
}

fn type_def(doc: String, kind: Y) -> Y {
    let Y::Map(mut entries) = kind else {
        unreachable!()
    };
    entries.insert(0, ("doc".to_string(), Y::Str(doc)));
    Y::Map(entries)
}

/// The ordinary types (`MEMBER_TYPES`) with kinds and constraints.
pub(super) fn core_types(f: Focus) -> S<Vec<(String, Y)>> {
    let c = f.constraints;
    let integer = mix(
        c,
        Just(Y::raw("{min: 0, max: 100}")).boxed(),
        select(vec![
            "{}",
            "{min: -9223372036854775808, max: 9223372036854775807}",
            "{min: 5, max: 1}",
            "{min: 9223372036854775808}",
            "{max: -1}",
            "{min: 1.5}",
        ])
        .prop_map(Y::raw)
        .boxed(),
    );
    let decimal = mix(
        c,
        Just(Y::raw("{currency: \"$\", negative: true}")).boxed(),
        (
            opt(strs(&[
                "$", "", "ZQJXcur", "\"", "\\", "€", "1", "-", ".", "\u{202e}",
            ])),
            any::<(bool, bool)>(),
            opt(select(vec![0u8, 2, 255]).boxed()),
            opt(select(vec![0u8, 1, 255]).boxed()),
        )
            .prop_map(|(currency, (neg, pos), min, max)| {
                let mut e = vec![];
                e.extend(entry("currency", currency.map(Y::Str)));
                e.extend(entry("negative", neg.then(|| Y::raw("true"))));
                e.extend(entry("positive", pos.then(|| Y::raw("true"))));
                e.extend(entry(
                    "min_fraction_digits",
                    min.map(|m| Y::raw(m.to_string())),
                ));
                e.extend(entry(
                    "max_fraction_digits",
                    max.map(|m| Y::raw(m.to_string())),
                ));
                map(e)
            })
            .boxed(),
    );
    let float = mix(
        c,
        Just(Y::raw("{min: 0}")).boxed(),
        select(vec![
            "{}",
            "{min: .nan}",
            "{max: .inf}",
            "{min: -.inf, max: .nan}",
            "{above: 0, min: 0}",
            "{min: 2, max: 1}",
            "{above: 1e308}",
            "{min: 5e-324}",
        ])
        .prop_map(Y::raw)
        .boxed(),
    );
    let values = mix(
        f.names,
        Just(vec!["a".to_string(), "b".to_string()]).boxed(),
        vec(strs(pools::ENUM_VALUES), 1..5)
            .prop_map(distinct)
            .boxed(),
    );
    let union = mix(
        f.names.max(f.graphs),
        Just(vec!["Code".to_string(), "Count".to_string()]).boxed(),
        vec(
            strs(&[
                "string", "String", "Code", "Node", "json", "integer", "Items", "G0",
            ]),
            2..4,
        )
        .prop_map(distinct)
        .prop_map(|mut of| {
            // A union needs two members.
            for extra in ["boolean", "float"] {
                if of.len() < 2 && !of.iter().any(|m| m == extra) {
                    of.push(extra.to_string());
                }
            }
            of
        })
        .boxed(),
    );
    let by_value = |benign: &'static [&'static str]| mix(f.graphs, strs(benign), strs(GRAPH_TYPES));
    let fields = (
        string_rule(f),
        integer,
        decimal,
        float,
        (values, any::<bool>()),
        union,
        by_value(&["Code"]),
        vec(member(f, "fdoc", false), 1..3),
        opt(by_value(&["Count"])),
        mix(
            c,
            strs(&["zero_one", "true_false"]),
            strs(&["zero_one", "true_false", "yes_no"]),
        ),
        text(f.text, "tdoc"),
        opt(text(f.text, "tnote")),
    );
    // Each type may be left out, so a failure shrinks to the types it needs.
    let present = vec(proptest::bool::weighted(0.97), 12);
    (fields, present)
        .prop_map(
            |(
                (
                    string,
                    integer,
                    decimal,
                    float,
                    (values, ci),
                    union,
                    items,
                    fields,
                    table,
                    boolean,
                    doc,
                    note,
                ),
                present,
            )| {
                let doc = |extra: &str| format!("{doc} {extra}");
                let named_string = union.iter().any(|m| m == "String");
                let union = Y::Seq(union.into_iter().map(Y::Str).collect());
                let mut types = vec![
                    ("Code", type_def(doc("code"), kind("string", string))),
                    ("Count", type_def(doc("count"), kind("integer", integer))),
                    ("Money", type_def(doc("money"), kind("decimal", decimal))),
                    ("Ratio", type_def(doc("ratio"), kind("float", float))),
                    (
                        "Choice",
                        type_def(
                            doc("choice"),
                            kind(
                                "enum",
                                map([
                                    (
                                        "values".to_string(),
                                        Y::Seq(values.into_iter().map(Y::Str).collect()),
                                    ),
                                    ("case_insensitive".to_string(), Y::raw(ci.to_string())),
                                ]),
                            ),
                        ),
                    ),
                    (
                        "Either",
                        type_def(
                            doc("either"),
                            kind("union", map([("of".to_string(), union)])),
                        ),
                    ),
                    (
                        "Items",
                        type_def(
                            doc("items"),
                            kind("array", map([("items".to_string(), Y::Str(items))])),
                        ),
                    ),
                    (
                        "Node",
                        type_def(
                            doc("node"),
                            kind("object", map([("fields".to_string(), map(fields))])),
                        ),
                    ),
                    (
                        "Table",
                        type_def(
                            doc("table"),
                            kind("map", map(table.map(|t| ("values".to_string(), Y::Str(t))))),
                        ),
                    ),
                    (
                        "Flag",
                        type_def(
                            doc("flag"),
                            kind("boolean", Y::raw(format!("{{encoding: {boolean}}}"))),
                        ),
                    ),
                    (
                        "When",
                        type_def(doc("when"), kind("unix_time", Y::raw("{}"))),
                    ),
                ];
                if named_string {
                    // Beside the builtin `string`: both become Rust `String`s.
                    types.push((
                        "String",
                        type_def(doc("a type named String"), kind("string", Y::raw("{}"))),
                    ));
                }
                if let Some(note) = note
                    && let Y::Map(entries) = &mut types[0].1
                {
                    entries.push(("note".to_string(), Y::Str(note.clone())));
                    entries.push(("vendor_name".to_string(), Y::Str(note)));
                }
                types
                    .into_iter()
                    .zip(present)
                    .filter(|(_, present)| *present)
                    .map(|((n, y), _)| (n.to_string(), y))
                    .collect()
            },
        )
        .boxed()
}

/// Recursive graphs `G0..Gn` and a chain `C0 → C1 → … → string`.
pub(super) fn graph_types(f: Focus) -> S<Vec<(String, Y)>> {
    if f.graphs == 0 {
        return Just(Vec::new()).boxed();
    }
    // Mostly objects and unions: lists and maps only of each other are a
    // cycle the checker refuses (`type-cycle`), and chains past 32 are
    // refused too (`type-depth`); both stay common enough to be tested.
    let kind_of = prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 3 => Just(3u8)];
    let node = (kind_of, vec(0usize..8, 1..4), any::<bool>());
    let chain = prop_oneof![9 => 0usize..31, 1 => 31usize..300];
    (chain, vec(node, 2..6), 0u8..3)
        .prop_map(|(chain, nodes, chain_kind)| {
            let n = nodes.len();
            let mut out = Vec::new();
            for (i, (k, refs, required)) in nodes.into_iter().enumerate() {
                let refs: Vec<String> = refs.iter().map(|r| format!("G{}", r % n)).collect();
                let rule = match k {
                    0 => kind(
                        "object",
                        map([(
                            "fields".to_string(),
                            map(refs.iter().enumerate().map(|(j, r)| {
                                let required = if required { ", required: true" } else { "" };
                                (format!("f{j}"), Y::raw(format!("{{type: {r}{required}}}")))
                            })),
                        )]),
                    ),
                    1 => kind(
                        "array",
                        map([("items".to_string(), Y::Str(refs[0].clone()))]),
                    ),
                    2 => kind(
                        "map",
                        map([("values".to_string(), Y::Str(refs[0].clone()))]),
                    ),
                    _ => {
                        let own = format!("G{i}");
                        let members = refs
                            .into_iter()
                            .filter(|r| *r != own)
                            .chain(["string".to_string()]);
                        let mut members = distinct(members.collect());
                        if members.len() < 2 {
                            members.push("integer".to_string());
                        }
                        kind(
                            "union",
                            map([(
                                "of".to_string(),
                                Y::Seq(members.into_iter().map(Y::Str).collect()),
                            )]),
                        )
                    }
                };
                out.push((format!("G{i}"), type_def(format!("Graph node {i}."), rule)));
            }
            for i in 0..=chain {
                let next = if i == chain {
                    "string".to_string()
                } else {
                    format!("C{}", i + 1)
                };
                let rule = match chain_kind {
                    0 => kind("array", map([("items".to_string(), Y::Str(next))])),
                    1 => kind("map", map([("values".to_string(), Y::Str(next))])),
                    _ => kind(
                        "object",
                        map([(
                            "fields".to_string(),
                            Y::raw(format!("{{next: {{type: {next}}}}}")),
                        )]),
                    ),
                };
                out.push((format!("C{i}"), type_def(format!("Chain link {i}."), rule)));
            }
            out
        })
        .boxed()
}

/// Types under hostile names, of simple kinds.
pub(super) fn extra_types(f: Focus) -> S<Vec<(String, Y)>> {
    if f.names == 0 {
        return Just(Vec::new()).boxed();
    }
    let one = (
        mix(f.names, strs(&["Extra"]), strs(pools::TYPE_NAMES)),
        select(vec!["string: {}", "integer: {}", "boolean: {}", "map: {}"]),
    )
        .prop_map(|(name, k)| {
            let (key, rule) = k.split_once(": ").unwrap();
            (
                name,
                type_def("An extra type.".into(), kind(key, Y::raw(rule))),
            )
        });
    vec(one, 0..4).boxed()
}
