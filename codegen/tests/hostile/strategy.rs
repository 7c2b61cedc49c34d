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
use super::type_defs::{core_types, default_unit, extra_types, graph_types};
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
    // Each spec holds dozens of names, and the checker now refuses most
    // hostile ones: a few percent per name leaves enough specs accepted to
    // test the output (`run` wants one in five).
    pub const NAMES: Focus = Focus {
        names: 7,
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
        names: 3,
        text: 15,
        constraints: 6,
        graphs: 15,
        files: 15,
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

pub(super) type S<T> = BoxedStrategy<T>;

pub(super) fn strs(list: &'static [&'static str]) -> S<String> {
    select(list).prop_map(str::to_string).boxed()
}

/// `benign` mostly, `hostile` `percent`% of the time.
pub(super) fn mix<T: std::fmt::Debug + Clone + 'static>(
    percent: u32,
    benign: S<T>,
    hostile: S<T>,
) -> S<T> {
    match percent {
        0 => benign,
        100.. => hostile,
        p => prop_oneof![100 - p => benign, p => hostile].boxed(),
    }
}

/// The list without repeats, first ones kept.
pub(super) fn distinct(items: Vec<String>) -> Vec<String> {
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
pub(super) fn name(p: u32, benign: &'static [&'static str]) -> S<String> {
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
pub(super) fn text(p: u32, place: &'static str) -> S<String> {
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

pub(super) fn opt<T: std::fmt::Debug + Clone + 'static>(s: S<T>) -> S<Option<T>> {
    proptest::option::weighted(0.3, s).boxed()
}

/// An entry `key: value` when present.
pub(super) fn entry(key: &'static str, value: Option<Y>) -> Option<(String, Y)> {
    value.map(|v| (key.to_string(), v))
}

/// A mapping without repeated keys (the first wins), so most specs are not
/// stopped by `duplicate-key` before the interesting checks.
pub(super) fn map(entries: impl IntoIterator<Item = (String, Y)>) -> Y {
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
pub(super) const GRAPH_TYPES: &[&str] = &["Node", "Items", "Either", "Table", "G0", "G1", "C0"];

fn member_type(f: Focus) -> S<String> {
    mix(f.graphs, strs(MEMBER_TYPES), strs(GRAPH_TYPES))
}

/// A request parameter (`returned: false`) or a returned field.
pub(super) fn member(f: Focus, place: &'static str, returned: bool) -> S<(String, Y)> {
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
    // Every combination collides by design (the checker must say so), so
    // they are a minority: the rest must reach the output checks.
    prop_oneof![6 => random, 1 => combos].boxed()
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
