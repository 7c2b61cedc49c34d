//! Strategies for whole spec files: valid YAML, mostly valid structure,
//! with hostile content (from `pools`) in every place spec text can reach.
//! A `Focus` says how often each kind of place gets a hostile value, so
//! each test can stress one kind while the rest stays ordinary and the
//! spec still gets through the checker.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::case::{Case, CaseFile, MARKER, Probe, Rule, SPEC_ROOT};
use super::pools;
use super::yaml::Y;

/// How often (in percent) each kind of place gets a hostile value.
#[derive(Clone, Copy, Debug)]
pub struct Focus {
    pub name: &'static str,
    /// Names that become identifiers, and `rust_name`s.
    pub names: u32,
    /// Docs, titles, notes, URLs, wire names with a `rust_name`.
    pub text: u32,
    /// Constraints, patterns and defaults.
    pub constraints: u32,
    /// Recursive types and long type chains.
    pub graphs: u32,
    /// File names and `uses` entries.
    pub files: u32,
}

impl Focus {
    const fn only(name: &'static str) -> Focus {
        Focus {
            name,
            names: 0,
            text: 0,
            constraints: 0,
            graphs: 0,
            files: 0,
        }
    }
    pub const NAMES: Focus = Focus {
        names: 25,
        ..Focus::only("names")
    };
    pub const TEXT: Focus = Focus {
        text: 60,
        ..Focus::only("text")
    };
    pub const CONSTRAINTS: Focus = Focus {
        constraints: 25,
        ..Focus::only("constraints")
    };
    pub const GRAPHS: Focus = Focus {
        graphs: 60,
        ..Focus::only("graphs")
    };
    pub const FILES: Focus = Focus {
        files: 60,
        ..Focus::only("files")
    };
    pub const EVERYTHING: Focus = Focus {
        name: "everything",
        names: 12,
        text: 40,
        constraints: 12,
        graphs: 25,
        files: 25,
    };
    pub const ALL: [Focus; 6] = [
        Focus::NAMES,
        Focus::TEXT,
        Focus::CONSTRAINTS,
        Focus::GRAPHS,
        Focus::FILES,
        Focus::EVERYTHING,
    ];
}

type S<T> = BoxedStrategy<T>;

fn strs(list: &'static [&'static str]) -> S<String> {
    select(list).prop_map(str::to_string).boxed()
}

/// `benign` mostly, `hostile` `percent`% of the time.
fn mix<T: std::fmt::Debug + Clone + 'static>(percent: u32, benign: S<T>, hostile: S<T>) -> S<T> {
    match percent {
        0 => benign,
        100.. => hostile,
        p => prop_oneof![100 - p => benign, p => hostile].boxed(),
    }
}

/// The list without repeats, first ones kept.
fn distinct(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

fn no_marker(text: &str) -> bool {
    !text.to_uppercase().contains(MARKER)
}

/// A name that may become an identifier.
fn name(p: u32, benign: &'static [&'static str]) -> S<String> {
    let random = prop_oneof![
        "[\\PC&&[^qQ]]{0,12}",
        "[a-pr-z_]{60,300}",
        "[\\p{L}\\p{N}\\p{M}]{1,6}",
    ]
    .prop_filter("names carry no marker", |n: &String| no_marker(n));
    let hostile = prop_oneof![6 => strs(pools::NAMES), 1 => random].boxed();
    mix(p, strs(benign), hostile)
}

/// Spec prose for `place`, always holding the marker.
fn text(p: u32, place: &'static str) -> S<String> {
    let tag = format!("{MARKER}{place}");
    let benign = Just(format!("Plain words, {tag}.")).boxed();
    let hostile = prop_oneof![
        6 => strs(pools::TEXTS),
        1 => "\\PC{0,40}".prop_map(|s| format!("{s} {MARKER}")),
        1 => (1usize..3000).prop_map(|n| format!("{MARKER} ").repeat(n)),
    ]
    .prop_map(move |t| t.replace(MARKER, &tag))
    .boxed();
    mix(p, benign, hostile)
}

fn opt<T: std::fmt::Debug + Clone + 'static>(s: S<T>) -> S<Option<T>> {
    proptest::option::weighted(0.3, s).boxed()
}

/// An entry `key: value` when present.
fn entry(key: &'static str, value: Option<Y>) -> Option<(String, Y)> {
    value.map(|v| (key.to_string(), v))
}

/// A mapping without repeated keys (the first wins), so most specs are not
/// stopped by `duplicate-key` before the interesting checks.
fn map(entries: impl IntoIterator<Item = (String, Y)>) -> Y {
    let mut seen = std::collections::BTreeSet::new();
    Y::Map(
        entries
            .into_iter()
            .filter(|(k, _)| seen.insert(k.clone()))
            .collect(),
    )
}

/// The wire name of a member or method and its `rust_name`. With a
/// `rust_name`, the wire name is text (with the marker); without one, a
/// name the generator must sanitise.
fn key_and_rust(f: Focus, benign: &'static [&'static str]) -> S<(String, Option<String>)> {
    let plain = name(f.names, benign).prop_map(|n| (n, None));
    let renamed = (
        mix(f.text, strs(&["wireZQJX"]), strs(pools::WIRE_TEXTS)),
        mix(f.names, strs(&["item_id"]), strs(pools::RUST_NAMES)),
    )
        .prop_map(|(w, r)| (w, Some(r)));
    prop_oneof![3 => plain, 1 => renamed].boxed()
}

/// Types every spec defines under ordinary names, so members can refer to
/// them; their kinds and constraints vary with the focus.
const MEMBER_TYPES: &[&str] = &[
    "string", "integer", "boolean", "float", "json", "Code", "Count", "Choice", "Money", "Ratio",
    "Flag", "When",
];
const GRAPH_TYPES: &[&str] = &["Node", "Items", "Either", "Table", "G0", "G1", "C0"];

fn member_type(f: Focus) -> S<String> {
    mix(f.graphs, strs(MEMBER_TYPES), strs(GRAPH_TYPES))
}

/// A request parameter (`returned: false`) or a returned field.
fn member(f: Focus, place: &'static str, returned: bool) -> S<(String, Y)> {
    (
        key_and_rust(f, &["id", "name", "zone", "page_num", "Err{n}"]),
        member_type(f),
        any::<(bool, bool, bool)>(),
        opt(text(f.text, place)),
    )
        .prop_map(move |((key, rust), ty, (flag, secret, extra), doc)| {
            let mut entries = vec![("type".to_string(), Y::str(ty))];
            if returned {
                entries.extend(entry("optional", flag.then(|| Y::raw("true"))));
                entries.extend(entry(
                    "series",
                    (extra && key.contains("{n}")).then(|| Y::raw("true")),
                ));
            } else {
                entries.extend(entry("required", flag.then(|| Y::raw("true"))));
            }
            entries.extend(entry("secret", secret.then(|| Y::raw("true"))));
            entries.extend(entry("doc", doc.map(Y::Str)));
            entries.extend(entry("rust_name", rust.map(Y::Str)));
            (key, map(entries))
        })
        .boxed()
}

/// A default with a known rule: a type `D{i}` (or a builtin) and a value,
/// as JSON text (YAML reads JSON the same way).
fn default_unit(f: Focus) -> S<(Option<Y>, Rule, String)> {
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
fn core_types(f: Focus) -> S<Vec<(String, Y)>> {
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
fn graph_types(f: Focus) -> S<Vec<(String, Y)>> {
    if f.graphs == 0 {
        return Just(Vec::new()).boxed();
    }
    let node = (0u8..4, vec(0usize..8, 1..4), any::<bool>());
    (0usize..300, vec(node, 2..6), 0u8..3)
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
fn extra_types(f: Focus) -> S<Vec<(String, Y)>> {
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

fn error_defs(f: Focus) -> S<Vec<(String, Y)>> {
    let one = (
        prop_oneof![
            3 => name(f.names, &["Gone"]).prop_map(|n| (n, None)),
            1 => (mix(f.names, strs(&["Gone"]), strs(pools::ERROR_KEYS)), mix(f.names, strs(&["GoneError"]), strs(pools::RUST_NAMES))).prop_map(|(k, r)| (k, Some(r))),
        ],
        text(f.text, "edoc"),
        any::<(bool, bool)>(),
        vec(member(f, "efdoc", true), 0..2),
    )
        .prop_map(|((key, rust), doc, (prefix, retryable), fields)| {
            let mut e = vec![("doc".to_string(), Y::Str(doc))];
            e.extend(entry("match", prefix.then(|| Y::raw("prefix"))));
            e.extend(entry("rust_name", rust.map(Y::Str)));
            e.extend(entry("retryable", retryable.then(|| Y::raw("true"))));
            if !fields.is_empty() {
                e.push(("fields".to_string(), map(fields)));
            }
            (key, map(e))
        });
    vec(one, 0..3)
        .prop_map(|mut errors| {
            errors.insert(0, ("Gone".to_string(), Y::raw("{doc: \"It is gone.\"}")));
            errors
        })
        .boxed()
}

fn method(f: Focus) -> S<(String, Y)> {
    (
        key_and_rust(f, &["get", "list", "create", "token"]),
        text(f.text, "mdoc"),
        opt(text(f.text, "murl")),
        opt(vec(text(f.text, "mnote"), 1..3).boxed()),
        vec(member(f, "pdoc", false), 0..4),
        vec(member(f, "rdoc", true), 0..3),
        any::<(bool, bool)>(),
    )
        .prop_map(
            |((key, rust), doc, url, notes, params, returns, (errors, idempotent))| {
                let mut e = vec![("doc".to_string(), Y::Str(doc))];
                e.extend(entry("url", url.map(Y::Str)));
                e.extend(entry(
                    "notes",
                    notes.map(|n| Y::Seq(n.into_iter().map(Y::Str).collect())),
                ));
                if !params.is_empty() {
                    e.push(("params".to_string(), map(params)));
                }
                if !returns.is_empty() {
                    e.push(("returns".to_string(), map(returns)));
                }
                e.extend(entry("errors", errors.then(|| Y::raw("[Gone]"))));
                e.extend(entry("idempotent", idempotent.then(|| Y::raw("true"))));
                e.extend(entry("rust_name", rust.map(Y::Str)));
                (key, map(e))
            },
        )
        .boxed()
}

fn section(f: Focus) -> S<(String, Y)> {
    (
        mix(
            f.names,
            strs(&["Things", "Account/Auth"]),
            strs(pools::SECTIONS),
        ),
        text(f.text, "sdoc"),
        vec(method(f), 1..3),
    )
        .prop_map(|(name, doc, methods)| {
            (
                name,
                map([
                    ("doc".to_string(), Y::Str(doc)),
                    ("methods".to_string(), map(methods)),
                ]),
            )
        })
        .boxed()
}

/// Sections, with the known collision-prone arrangements now and then.
fn sections(f: Focus) -> S<Vec<(String, Y)>> {
    let random = vec(section(f), 1..3).boxed();
    if f.names == 0 {
        return random;
    }
    let plain = |names: &'static [&'static str]| {
        Y::Map(
            names
                .iter()
                .map(|n| (n.to_string(), Y::raw("{doc: \"A method.\"}")))
                .collect(),
        )
    };
    let section = |name: &str, methods: Y| {
        (
            name.to_string(),
            map([
                ("doc".to_string(), Y::str("A section.")),
                ("methods".to_string(), methods),
            ]),
        )
    };
    let combos = select(vec![
        vec![
            section("Foo", plain(&["get"])),
            section("FooBlocking", plain(&["get"])),
        ],
        vec![section(
            "TokenRequest",
            Y::raw("{token: {doc: \"A method.\", params: {timeout: {type: integer}}}}"),
        )],
        vec![section("Things", plain(&["maß", "mass"]))],
        vec![section("Things", plain(&["get", "get_all", "Get"]))],
        vec![
            section("Client", plain(&["get"])),
            section("client", plain(&["get"])),
        ],
        vec![
            section("with_config", plain(&["get"])),
            section("new", plain(&["get"])),
        ],
    ]);
    prop_oneof![3 => random, 1 => combos].boxed()
}

fn credentials(f: Focus) -> S<(Vec<(String, Y)>, Y)> {
    (
        name(f.names, &["user"]),
        name(f.names, &["password"]),
        opt(name(f.names, &["api_key"])),
        text(f.text, "cdoc"),
        opt(mix(f.text, strs(&["api_keyZQJX"]), strs(pools::WIRE_TEXTS))),
    )
        .prop_map(|(user, password, key, doc, wire)| {
            let mut creds = vec![
                (
                    user.clone(),
                    map([("doc".to_string(), Y::Str(doc.clone()))]),
                ),
                (
                    password.clone(),
                    map([
                        ("doc".to_string(), Y::Str(doc.clone())),
                        ("secret".to_string(), Y::raw("true")),
                    ]),
                ),
            ];
            let basic = map([
                ("username".to_string(), Y::Str(user)),
                ("password".to_string(), Y::Str(password)),
            ]);
            let mut auth = vec![("basic".to_string(), basic)];
            if let (Some(key), Some(wire)) = (key, wire) {
                creds.push((
                    key.clone(),
                    map([
                        ("doc".to_string(), Y::Str(doc)),
                        ("secret".to_string(), Y::raw("true")),
                    ]),
                ));
                auth.push(("params".to_string(), map([(wire, Y::Str(key))])));
            }
            (creds, map(auth))
        })
        .boxed()
}

fn wire(f: Focus, auth: Y) -> S<Y> {
    let t = |place| text(f.text, place);
    let method_name = prop_oneof![
        2 => Just(Y::raw("path")),
        1 => t("mq").prop_map(|q| map([("query".to_string(), Y::Str(q))])),
        1 => t("mf").prop_map(|q| map([("form".to_string(), Y::Str(q))])),
    ];
    let params = prop_oneof![
        Just(Y::raw("query")),
        Just(Y::raw("form")),
        Just(Y::raw("{json: {}}")),
        t("env").prop_map(|e| map([(
            "json".to_string(),
            map([("envelope".to_string(), Y::Str(e))])
        )])),
    ];
    let error = prop_oneof![
        (t("ef"), opt(t("em")), opt(t("ecp"))).prop_map(|(field, message, prefix)| {
            let mut e = vec![("field".to_string(), Y::Str(field))];
            e.extend(entry("message", message.map(Y::Str)));
            e.extend(entry("class_prefix", prefix.map(Y::Str)));
            map([("field_present".to_string(), map(e))])
        }),
        (t("ef"), t("ev"), t("em")).prop_map(|(field, value, message)| {
            map([(
                "field_equals".to_string(),
                map([
                    ("field".to_string(), Y::Str(field)),
                    ("value".to_string(), Y::Str(value)),
                    ("message".to_string(), Y::Str(message)),
                ]),
            )])
        }),
        (t("ef"), t("emp"), opt(t("enp")), opt(t("etp"))).prop_map(|(field, m, n, x)| {
            let mut e = vec![
                ("field".to_string(), Y::Str(field)),
                ("message_prefix".to_string(), Y::Str(m)),
            ];
            e.extend(entry("number_prefix", n.map(Y::Str)));
            e.extend(entry("text_prefix", x.map(Y::Str)));
            map([("count_above".to_string(), map(e))])
        }),
    ];
    (
        select(vec!["get", "post"]),
        method_name,
        params,
        select(vec!["json", "key_value"]),
        error,
    )
        .prop_map(move |(http, method_name, params, response, error)| {
            map([
                ("http_method".to_string(), Y::raw(http)),
                ("method_name".to_string(), method_name),
                ("params".to_string(), params),
                ("auth".to_string(), auth.clone()),
                ("response".to_string(), Y::raw(response)),
                ("error".to_string(), error),
            ])
        })
        .boxed()
}

fn api(f: Focus) -> S<Y> {
    let t = |place| text(f.text, place);
    let meta = (
        mix(f.names, strs(&["demo"]), strs(pools::API_NAMES)),
        t("title"),
        mix(f.text, strs(&["1"]), strs(pools::TEXTS)),
        mix(
            f.text,
            strs(&["https://api.example.test/ZQJXbase"]),
            strs(pools::BASE_URLS),
        ),
        opt(t("docsurl")),
        opt(t("adoc")),
        opt(vec(t("dsec"), 1..3).boxed()),
        opt(vec(t("anote"), 1..3).boxed()),
    );
    (meta, credentials(f))
        .prop_flat_map(
            move |(
                (name, title, version, base, docs_url, doc, documented, notes),
                (creds, auth),
            )| {
                wire(f, auth).prop_map(move |wire| {
                    let mut e = vec![
                        ("name".to_string(), Y::Str(name.clone())),
                        ("title".to_string(), Y::Str(title.clone())),
                        (
                            "version".to_string(),
                            Y::Str(version.replace(MARKER, "ZQJXversion")),
                        ),
                        ("base_url".to_string(), Y::Str(base.clone())),
                    ];
                    e.extend(entry("docs_url", docs_url.clone().map(Y::Str)));
                    e.extend(entry("doc", doc.clone().map(Y::Str)));
                    e.extend(entry(
                        "documented_sections",
                        documented
                            .clone()
                            .map(|d| Y::Seq(d.into_iter().map(Y::Str).collect())),
                    ));
                    e.push(("credentials".to_string(), map(creds.clone())));
                    e.push(("wire".to_string(), wire));
                    e.extend(entry(
                        "notes",
                        notes
                            .clone()
                            .map(|n| Y::Seq(n.into_iter().map(Y::Str).collect())),
                    ));
                    map(e)
                })
            },
        )
        .boxed()
}

/// Where the files go: the API file, and a type library with the `uses`
/// entries that reach it (and hostile ones beside them).
#[derive(Clone, Debug)]
struct Layout {
    api: String,
    library: Option<String>,
    uses: Vec<String>,
    library_uses: Vec<String>,
}

fn layout(f: Focus) -> S<Layout> {
    let benign = (
        Just("api.yaml".to_string()),
        opt(Just("types.yaml".to_string()).boxed()),
    )
        .prop_map(|(api, library)| Layout {
            uses: library.iter().map(|_| "{LIB}".to_string()).collect(),
            api,
            library,
            library_uses: Vec::new(),
        })
        .boxed();
    let hostile = (
        strs(pools::API_FILES),
        opt(strs(pools::LIBRARY_FILES)),
        vec(strs(pools::USES), 0..3),
        vec(
            strs(&[
                "{SELF}",
                "{API}",
                "../outside/lib.yaml",
                "{CASE_DIR}/outside/lib.yaml",
            ]),
            0..2,
        ),
    )
        .prop_map(|(api, library, mut uses, library_uses)| {
            if library.is_some() {
                uses.insert(0, "{LIB}".to_string());
            }
            Layout {
                api,
                library,
                uses,
                library_uses,
            }
        })
        .boxed();
    mix(f.files, benign, hostile)
}

/// `target` relative to the directory of `from` (both relative to the spec root).
fn relative(from: &str, target: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{target}", "../".repeat(depth))
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

fn expand(entry: &str, from: &str, layout: &Layout) -> String {
    entry
        .replace(
            "{LIB}",
            &layout
                .library
                .as_deref()
                .map(|l| relative(from, l))
                .unwrap_or_default(),
        )
        .replace("{API}", &relative(from, &layout.api))
        .replace("{SELF}", &file_name(from))
}

/// A whole case: the API file, maybe a library, maybe a file outside the
/// spec root, and what is known about the planted defaults and patterns.
pub fn case(f: Focus) -> S<Case> {
    // Shrinking simplifies the elements in this order: the big ones first.
    (
        graph_types(f),
        sections(f),
        vec(default_unit(f), 0..4),
        extra_types(f),
        error_defs(f),
        layout(f),
        core_types(f),
        api(f),
    )
        .prop_map(move |(graphs, mut sections, defaults, extra, errors, layout, core, api)| {
            let mut probes = Vec::new();
            let mut types: Vec<(String, Y)> = core.into_iter().chain(graphs).collect();
            let mut default_params = Vec::new();
            for (i, (def, rule, value)) in defaults.into_iter().enumerate() {
                let ty = match (&def, &rule) {
                    (Some(def), _) => {
                        types.push((format!("D{i}"), def.clone()));
                        format!("D{i}")
                    }
                    (None, Rule::BuiltinString) => "string".into(),
                    (None, Rule::BuiltinInteger) => "integer".into(),
                    (None, Rule::BuiltinBoolean) => "boolean".into(),
                    (None, _) => "float".into(),
                };
                if let Rule::Pattern(pattern) = &rule
                    && let Some((_, Some((text, n)))) = pools::PATTERNS.iter().find(|(p, _)| p == pattern)
                {
                    probes.push(Probe::Pattern {
                        ty: format!("D{i}"),
                        pattern: pattern.clone(),
                        sample: text.repeat(*n),
                    });
                }
                let param = format!("d{i}");
                default_params.push((param.clone(), Y::raw(format!("{{type: {ty}, default: {value}}}"))));
                probes.push(Probe::Default {
                    param,
                    rule,
                    value: serde_json::from_str(&value).unwrap(),
                });
            }
            if !default_params.is_empty() {
                sections.push((
                    "Defaults".to_string(),
                    map([
                        ("doc".to_string(), Y::str("Defaults.")),
                        (
                            "methods".to_string(),
                            map([("defaults".to_string(), map([
                                ("doc".to_string(), Y::str("Parameters with defaults.")),
                                ("params".to_string(), map(default_params)),
                            ]))]),
                        ),
                    ]),
                ));
            }
            let mut api_file = vec![("hostapi".to_string(), Y::raw("1")), ("api".to_string(), api)];
            let mut files = Vec::new();
            if let Some(library) = &layout.library {
                api_file.push((
                    "uses".to_string(),
                    Y::Seq(layout.uses.iter().map(|u| Y::Str(expand(u, &layout.api, &layout))).collect()),
                ));
                let mut lib = vec![("hostapi".to_string(), Y::raw("1"))];
                if !layout.library_uses.is_empty() {
                    lib.push((
                        "uses".to_string(),
                        Y::Seq(layout.library_uses.iter().map(|u| Y::Str(expand(u, library, &layout))).collect()),
                    ));
                }
                lib.push(("types".to_string(), map(extra.clone())));
                files.push(CaseFile {
                    path: format!("{SPEC_ROOT}/{library}").into(),
                    text: format!("# A type library.\n{}", map(lib).document()),
                });
            } else {
                types.extend(extra);
            }
            api_file.push(("types".to_string(), map(types)));
            api_file.push(("errors".to_string(), map(errors)));
            api_file.push(("sections".to_string(), map(sections)));
            files.insert(
                0,
                CaseFile {
                    path: format!("{SPEC_ROOT}/{}", layout.api).into(),
                    text: format!("# yaml-language-server: $schema=schema.json\n{}", map(api_file).document()),
                },
            );
            if layout.uses.iter().chain(&layout.library_uses).any(|u| u.contains("outside")) {
                files.push(CaseFile {
                    path: "outside/lib.yaml".into(),
                    text: "hostapi: 1\ntypes:\n  Outside:\n    doc: \"Outside the spec root ZQJXoutside.\"\n    string: {}\n".into(),
                });
            }
            Case {
                focus: f.name,
                files,
                probes,
            }
        })
        .boxed()
}
