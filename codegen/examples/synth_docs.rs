//! Makes a synthetic Liquid Web `docs.json` N times the size of a real one,
//! for measuring how generated clients scale (scripts/measure-build.sh).
//!
//! Copy 1 is the input as it is. Copy k (k ≥ 2) has every section renamed
//! `Copy{k}/{section}` and every field renamed `{field}_{k}` (and the
//! `required_if` conditions naming them), so no two copies share a request,
//! response or nested type: the result has N times the methods, fields and
//! made types of the input. The paging fields (`page_num`, `page_size`,
//! `items`, `page_total`, `item_count`, `item_total`) keep their names so
//! list methods stay list methods.
//!
//! Usage: cargo run -p hostapi-codegen --example synth_docs -- N IN.json OUT.json

use serde_json::{Map, Value};

const PAGING: &[&str] = &[
    "page_num",
    "page_size",
    "items",
    "page_total",
    "item_count",
    "item_total",
];

fn rename(name: &str, k: usize) -> String {
    if k == 1 || PAGING.contains(&name) || name.starts_with("One or more keys matching") {
        name.to_string()
    } else {
        format!("{name}_{k}")
    }
}

/// A map of field specs, with every field (and nested field) renamed.
fn fields(map: &Map<String, Value>, k: usize) -> Value {
    let mut out = Map::new();
    for (name, spec) in map {
        out.insert(rename(name, k), field(spec, k));
    }
    Value::Object(out)
}

fn field(spec: &Value, k: usize) -> Value {
    let Some(spec) = spec.as_object() else {
        return spec.clone();
    };
    let mut out = Map::new();
    for (key, value) in spec {
        let value = match (key.as_str(), value) {
            ("structure", Value::Object(nested)) => fields(nested, k),
            ("array_of", inner) => field(inner, k),
            ("required_if", Value::Object(conditions)) => Value::Object(
                conditions
                    .iter()
                    .map(|(other, v)| (rename(other, k), v.clone()))
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, input, output] = args.as_slice() else {
        return Err("usage: synth_docs N IN.json OUT.json".into());
    };
    let n: usize = n.parse()?;
    let docs: Value = serde_json::from_str(&std::fs::read_to_string(input)?)?;
    let sections = docs
        .as_object()
        .ok_or("the docs must be an object of sections")?;
    let mut out = Map::new();
    for k in 1..=n {
        for (name, section) in sections {
            let name = if k == 1 {
                name.clone()
            } else {
                format!("Copy{k}/{name}")
            };
            let mut section = section.clone();
            if let Some(methods) = section.get_mut("__methods").and_then(Value::as_object_mut) {
                for method in methods.values_mut() {
                    for io in ["__input", "__output"] {
                        if let Some(Value::Object(map)) = method.get(io) {
                            let renamed = fields(map, k);
                            method[io] = renamed;
                        }
                    }
                }
            }
            out.insert(name, section);
        }
    }
    std::fs::write(output, serde_json::to_string_pretty(&Value::Object(out))?)?;
    let methods: usize = out_count(&docs) * n;
    println!(
        "wrote {output}: {} sections, {methods} methods",
        sections.len() * n
    );
    Ok(())
}

fn out_count(docs: &Value) -> usize {
    docs.as_object()
        .map(|s| {
            s.values()
                .filter_map(|v| v.get("__methods").and_then(Value::as_object))
                .map(Map::len)
                .sum()
        })
        .unwrap_or(0)
}
