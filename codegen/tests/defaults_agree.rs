//! The checker decides a default exactly as the generated type decides a
//! value: `tests/defaults/agree.yaml` (a type of every kind and rule) is
//! generated into a crate; random JSON values for each type (from a
//! deterministic seed, shaped by the type so most are near its rules) are
//! judged here by the checker (`Defaults::generated_verdict`) and there, in
//! a test compiled into the crate, by the generated type's `Deserialize`
//! and `Validate`. Every verdict must be the same.
//!
//! The crate is built in the workspace's target folder, as
//! `crate_builds.rs` builds its crate, so its dependencies are mostly
//! built already.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use hostapi_codegen::ir::charclass::CharClass;
use hostapi_codegen::ir::defaults::Defaults;
use hostapi_codegen::ir::{Builtin, NamedType, StringFormat, StringRule, TypeKind, TypeRef};
use proptest::prelude::*;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

/// Values judged per type.
const PER_TYPE: usize = 300;

fn text(strategy: impl Strategy<Value = String> + 'static) -> BoxedStrategy<Value> {
    strategy.prop_map(Value::String).boxed()
}

fn pick(values: Vec<Value>) -> BoxedStrategy<Value> {
    prop::sample::select(values).boxed()
}

/// Scalars and small containers of every JSON kind, with the spellings
/// lenient readers disagree about.
fn junk() -> BoxedStrategy<Value> {
    Union::new(vec![
        any::<bool>().prop_map(Value::from).boxed(),
        (-3i64..13).prop_map(Value::from).boxed(),
        any::<i64>().prop_map(Value::from).boxed(),
        any::<u64>().prop_map(Value::from).boxed(),
        (-2.0f64..12.0).prop_map(Value::from).boxed(),
        pick(vec![
            json!(0.5),
            json!(1.0),
            json!(-0.0),
            json!(1e21),
            json!(1.5e300),
            json!(9.3e18),
            Value::Null,
            json!([]),
            json!({}),
            json!([1]),
            json!({"a": 1}),
        ]),
        pick(
            [
                " 1 ", "+5", "1.0", "nan", "NaN", "inf", "-inf", "True", " false ", "0", "1", "",
                " ", "yes", "1e3", "0x10", "5 ", "-1", "10", "2",
            ]
            .map(Value::from)
            .to_vec(),
        ),
        text("[ -~]{0,6}"),
        text("\\PC{0,4}"),
    ])
    .boxed()
}

/// Text made of the characters a rule talks about, at lengths around its
/// bounds.
fn rule_text(rule: &StringRule) -> BoxedStrategy<Value> {
    let mut alphabet: Vec<char> = "aZ9 \t\n\u{7}é-._$@/:=+".chars().collect();
    for class in [&rule.chars, &rule.first_char, &rule.not_chars]
        .into_iter()
        .flatten()
    {
        alphabet.extend(class_samples(class));
    }
    let longest = rule
        .lengths
        .iter()
        .copied()
        .chain(rule.max_length)
        .chain(rule.min_length)
        .max()
        .unwrap_or(8)
        .min(40) as usize;
    let mut samples: Vec<Value> = format_samples(rule.format.as_ref())
        .into_iter()
        .map(Value::from)
        .collect();
    if rule.pattern.is_some() {
        samples.extend(["ab", "a-b", "a-", "-a", "12", "123", "1234", "1", "a b"].map(Value::from));
    }
    let mutated = if samples.is_empty() {
        junk()
    } else {
        let base = samples.clone();
        (
            prop::sample::select(base),
            any::<prop::sample::Index>(),
            prop::sample::select(alphabet.clone()),
            0..3u8,
        )
            .prop_map(|(sample, at, c, how)| {
                let mut chars: Vec<char> = sample.as_str().unwrap_or_default().chars().collect();
                let i = if chars.is_empty() {
                    0
                } else {
                    at.index(chars.len())
                };
                match how {
                    0 if !chars.is_empty() => {
                        chars.remove(i);
                    }
                    1 => chars.insert(i, c),
                    _ => {}
                }
                Value::String(chars.into_iter().collect())
            })
            .boxed()
    };
    let built = prop::collection::vec(prop::sample::select(alphabet), 0..=longest + 2)
        .prop_map(|chars| Value::String(chars.into_iter().collect()));
    let mut choices = vec![built.boxed(), mutated, junk(), conforming(rule)];
    if !samples.is_empty() {
        choices.push(pick(samples));
    }
    Union::new(choices).boxed()
}

/// Text shaped to pass a rule's lengths and classes (formats and patterns
/// aside): the first character from `first_char`, the rest from `chars`.
fn conforming(rule: &StringRule) -> BoxedStrategy<Value> {
    let benign: Vec<char> = "abcXYZ019".chars().collect();
    let rest = rule.chars.as_ref().map_or(benign.clone(), class_samples);
    let first = rule.first_char.as_ref().map_or(rest.clone(), class_samples);
    let lengths: Vec<usize> = if rule.lengths.is_empty() {
        let min = rule.min_length.unwrap_or(0) as usize;
        let max = rule
            .max_length
            .map_or(min + 6, |m| m as usize)
            .min(min + 40);
        (min..=max).collect()
    } else {
        rule.lengths.iter().map(|&l| l as usize).collect()
    };
    (
        prop::sample::select(lengths),
        prop::sample::select(first),
        prop::collection::vec(prop::sample::select(rest), 40),
    )
        .prop_map(|(length, first, rest)| {
            let text: String = std::iter::once(first).chain(rest).take(length).collect();
            Value::String(text)
        })
        .boxed()
}

/// A few characters of each range of a class, ends included.
fn class_samples(class: &CharClass) -> Vec<char> {
    class
        .ranges
        .iter()
        .flat_map(|&(a, b)| {
            let mid = char::from_u32((a as u32 + b as u32) / 2).unwrap_or(a);
            [a, mid, b]
        })
        .collect()
}

fn format_samples(format: Option<&StringFormat>) -> Vec<&'static str> {
    let Some(format) = format else {
        return Vec::new();
    };
    match format {
        StringFormat::Hostname | StringFormat::Fqdn | StringFormat::DomainName => vec![
            "example.com",
            "localhost",
            "a-b.c",
            "x..y",
            "-a.com",
            "a_b.com",
            "ÿ.com",
            "example.com.",
        ],
        StringFormat::WildcardDomain => vec!["*.example.com", "*.x", "*example.com", "*.*.x"],
        StringFormat::ReverseDnsV4 | StringFormat::ReverseDnsV6 | StringFormat::ReverseZone => {
            vec![
                "1.0.0.127.in-addr.arpa",
                "in-addr.arpa",
                "0.ip6.arpa",
                "x.IP6.ARPA",
                "example.com",
            ]
        }
        StringFormat::Ipv4 => vec!["127.0.0.1", "256.1.1.1", "01.2.3.4", "1.2.3", "0.0.0.0"],
        StringFormat::Ipv4Cidr => vec!["10.0.0.0/8", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0"],
        StringFormat::Ipv6 => vec![
            "::1",
            "2001:db8::1",
            "1:2:3:4:5:6:7:8:9",
            ":::",
            "::ffff:1.2.3.4",
        ],
        StringFormat::Email => vec!["a@example.com", "a.b@x.y", ".a@x.y", "a@", "é@x.y", "a@@x"],
        StringFormat::Date => vec![
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
            "2024-1-01",
        ],
        StringFormat::Datetime => vec![
            "2024-02-29 23:59:59",
            "2024-02-29 24:00:00",
            "2024-02-29T00:00:00",
        ],
        StringFormat::Base64 => vec!["aGk=", "aGk", "a=b", "a===", "+/09"],
        StringFormat::HttpUri => vec![
            "https://x.example/a?b#c",
            "http://[::1]:80",
            "ftp://x",
            "https://",
            "https://u@x",
        ],
        StringFormat::MimeType => vec![
            "text/plain",
            "application/vnd.a+json",
            "text",
            "text/plain; x=y",
        ],
        StringFormat::SshPublicKey => vec!["ssh-rsa AAAA c", "ssh-rsa", "ssh-rsa AA=A"],
        StringFormat::Pem(_) => vec!["-----BEGIN X-----\nAAAA\n-----END X-----"],
    }
}

fn around(bounds: &[i64]) -> BoxedStrategy<Value> {
    let mut numbers: Vec<i64> = vec![0, 1, -1, i64::MAX, i64::MIN];
    for &b in bounds {
        numbers.extend([b.saturating_sub(1), b, b.saturating_add(1)]);
    }
    let strings: Vec<Value> = numbers
        .iter()
        .map(|n| Value::from(format!(" {n}")))
        .collect();
    let floats: Vec<Value> = numbers.iter().map(|&n| json!(n as f64 + 0.5)).collect();
    let ints: Vec<Value> = numbers.iter().map(|&n| Value::from(n)).collect();
    Union::new(vec![
        pick(ints.clone()),
        pick(ints),
        pick(strings),
        pick(floats),
        junk(),
    ])
    .boxed()
}

fn around_f64(bounds: &[f64]) -> BoxedStrategy<Value> {
    let mut numbers = vec![0.0, -0.0, 1e300];
    for &b in bounds {
        numbers.extend([b - 0.5, b - 1e-9, b, b + 1e-9, b + 0.5]);
    }
    let values: Vec<Value> = numbers.iter().map(|&n| json!(n)).collect();
    let strings: Vec<Value> = numbers.iter().map(|n| Value::from(n.to_string())).collect();
    Union::new(vec![
        pick(values.clone()),
        pick(values),
        pick(strings),
        junk(),
    ])
    .boxed()
}

/// Values of `ty` and near it, at most `depth` containers deep.
fn values(types: &BTreeMap<&str, &NamedType>, ty: &TypeRef, depth: u32) -> BoxedStrategy<Value> {
    let TypeRef::Named(name) = ty else {
        return junk();
    };
    if depth == 0 {
        return junk();
    }
    let t = types[name.as_str()];
    let inner = |ty: &TypeRef| values(types, ty, depth - 1);
    match &t.kind {
        TypeKind::String(rule) => rule_text(rule),
        TypeKind::Integer { min, max } => around(
            &[min, max]
                .into_iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>(),
        ),
        TypeKind::UnixTime => around(&[0]),
        TypeKind::Float { min, max, above } => around_f64(
            &[min, max, above]
                .into_iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>(),
        ),
        TypeKind::Decimal(_) => Union::new(vec![
            text("-?\\$?[0-9]{0,3}(\\.[0-9]{0,4})?"),
            text("[-$0-9. ,]{0,6}"),
            junk(),
        ])
        .boxed(),
        TypeKind::Boolean(_) => junk(),
        TypeKind::Enum { values, .. } => {
            let mut spellings: Vec<Value> = Vec::new();
            for v in values {
                spellings.push(Value::from(v.wire.clone()));
                spellings.push(Value::from(v.wire.to_lowercase()));
                spellings.push(Value::from(format!("{} ", v.wire)));
                if let Ok(n) = v.wire.parse::<i64>() {
                    spellings.push(Value::from(n));
                    spellings.push(json!(n as f64));
                }
            }
            Union::new(vec![pick(spellings.clone()), pick(spellings), junk()]).boxed()
        }
        TypeKind::Map { values: None } => Union::new(vec![
            prop::collection::btree_map("[abc]", junk(), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed(),
            junk(),
        ])
        .boxed(),
        TypeKind::Map { values: Some(v) } => Union::new(vec![
            prop::collection::btree_map("[abc]", inner(v), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed(),
            junk(),
        ])
        .boxed(),
        TypeKind::Array { items } => Union::new(vec![
            prop::collection::vec(inner(items), 0..4)
                .prop_map(Value::Array)
                .boxed(),
            junk(),
        ])
        .boxed(),
        TypeKind::Union { members } => {
            let mut choices: Vec<BoxedStrategy<Value>> =
                members.iter().map(|m| inner(&m.ty)).collect();
            choices.push(junk());
            Union::new(choices).boxed()
        }
        TypeKind::Object { fields } => {
            let field_values: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                .iter()
                .map(|f| {
                    let wire = f.wire_name.clone();
                    let value = match &f.ty {
                        TypeRef::Named(_) => inner(&f.ty),
                        TypeRef::Builtin(builtin) => builtin_values(*builtin),
                    };
                    let weight = if f.required { 0.95 } else { 0.2 };
                    prop::option::weighted(weight, value.prop_map(move |v| (wire.clone(), v)))
                        .boxed()
                })
                .collect();
            // Sometimes with a key no field has, which generated code ignores.
            let stray = prop::option::weighted(0.2, junk());
            Union::new(vec![
                (field_values, stray)
                    .prop_map(|(entries, stray)| {
                        let mut object: serde_json::Map<String, Value> =
                            entries.into_iter().flatten().collect();
                        if let Some(stray) = stray {
                            object.insert("stray".to_string(), stray);
                        }
                        Value::Object(object)
                    })
                    .boxed(),
                junk(),
            ])
            .boxed()
        }
    }
}

/// Values mostly of a builtin's own kind.
fn builtin_values(builtin: Builtin) -> BoxedStrategy<Value> {
    let own = match builtin {
        Builtin::String => text("[a-z ]{0,5}"),
        Builtin::Integer => (-5i64..5).prop_map(Value::from).boxed(),
        Builtin::Float => (-5.0f64..5.0).prop_map(Value::from).boxed(),
        Builtin::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        Builtin::Json | Builtin::ErrorList => junk(),
    };
    Union::new(vec![own.clone(), own, junk()]).boxed()
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_checker_decides_like_the_generated_types() {
    let spec = manifest().join("tests/defaults/agree.yaml");
    let set = hostapi_codegen::spec::load::load_paths(std::slice::from_ref(&spec)).unwrap();
    let workspace = hostapi_codegen::ir::build(&set).unwrap();
    let api = &workspace.apis[0];
    let types: BTreeMap<&str, &NamedType> = workspace
        .types_of(api)
        .map(|t| (t.rust_name.as_str(), t))
        .collect();
    let mut checker = Defaults::new(types.values().copied());

    // The verdicts of the checker, on values from a fixed seed.
    let mut runner = TestRunner::deterministic();
    let mut corpus = Vec::new();
    let mut accepted = 0;
    for name in types.keys() {
        let ty = TypeRef::Named(name.to_string());
        let strategy = values(&types, &ty, 4);
        // An object needs every field right: more tries, to see it accepted.
        let tries = match types[name].kind {
            TypeKind::Object { .. } => PER_TYPE * 5,
            _ => PER_TYPE,
        };
        for _ in 0..tries {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            let verdict = checker.generated_verdict(&ty, &value);
            accepted += usize::from(verdict);
            corpus.push(json!({"type": name, "value": value, "accepted": verdict}));
        }
    }
    // Both verdicts must be common, or the comparison proves little.
    assert!(
        accepted > corpus.len() / 5 && accepted < corpus.len() * 4 / 5,
        "{accepted} of {} accepted",
        corpus.len()
    );

    // The generated types' verdicts, in a test of the generated crate.
    let out = std::env::temp_dir().join(format!("hostapi-agree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
        .args(["crate", "--spec"])
        .arg(&spec)
        .args(["--out"])
        .arg(&out)
        .args(["--name", "agree-fixture", "--runtime-path"])
        .arg(manifest().join("../runtime"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(
        out.join("tests/corpus.json"),
        serde_json::to_string(&corpus).unwrap(),
    )
    .unwrap();
    std::fs::write(out.join("tests/agree.rs"), agree_test(types.keys())).unwrap();
    let root = manifest().join("..");
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let target: PathBuf = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    // `--all-features` as crate_builds.rs builds: the same runtime and tokio
    // features, so the dependencies it built are reused.
    let output = Command::new(env!("CARGO"))
        .args([
            "test",
            "--quiet",
            "--all-features",
            "--test",
            "agree",
            "--manifest-path",
        ])
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        output.status.success(),
        "the checker and the generated types disagree:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A test for the generated crate: each corpus value's verdict by its
/// type's `Deserialize` and `Validate`, compared with the checker's.
fn agree_test<'a>(names: impl Iterator<Item = &'a &'a str>) -> String {
    let mut arms = String::new();
    for name in names {
        let _ = writeln!(arms, "        {name:?} => verdict::<types::{name}>(value),");
    }
    format!(
        r#"use agree_fixture::agree::types;
use hostapi_runtime::validate::{{Validate, Violations}};

fn verdict<T: serde::de::DeserializeOwned + Validate>(value: &serde_json::Value) -> Result<(), String> {{
    // A default is what is sent: read strictly, as a request value is
    // judged, not tolerantly, as a response is.
    let (read, _) = hostapi_runtime::decode::read::<T>(value.clone(), hostapi_runtime::decode::Mode::Strict)
        .map_err(|e| format!("unreadable: {{e}}"))?;
    let mut violations = Violations::new();
    read.validate(&mut violations);
    violations.into_result().map_err(|e| format!("invalid: {{e}}"))
}}

fn judge(name: &str, value: &serde_json::Value) -> Result<(), String> {{
    match name {{
{arms}        other => panic!("no type {{other}}"),
    }}
}}

#[test]
fn generated_types_agree_with_the_checker() {{
    let corpus: Vec<serde_json::Value> = serde_json::from_str(include_str!("corpus.json")).unwrap();
    let mut disagreements = Vec::new();
    for case in &corpus {{
        let name = case["type"].as_str().unwrap();
        let generated = judge(name, &case["value"]);
        if generated.is_ok() != case["accepted"].as_bool().unwrap() {{
            disagreements.push(format!("{{name}} {{}}: checker {{}}, generated {{:?}}", case["value"], case["accepted"], generated));
        }}
    }}
    assert!(disagreements.is_empty(), "{{}} of {{}} cases disagree:\n{{}}", disagreements.len(), corpus.len(), disagreements.iter().take(30).cloned().collect::<Vec<_>>().join("\n"));
}}
"#
    )
}
