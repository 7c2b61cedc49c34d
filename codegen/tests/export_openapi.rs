//! `export openapi` read back: every operation and parameter of the IR is
//! in the document where the runtime sends it, secrets are marked and
//! never shown, spec text stays inert, and (when CI provides it) a
//! maintained OpenAPI 3.1 validator accepts the export of every bundled
//! spec.

use std::path::{Path, PathBuf};

use hostapi_codegen::export::{checked_workspace, openapi};
use hostapi_codegen::ir::{
    Api, HttpMethod, Member, Method, MethodName, ParamEncoding, ParamPlace, TypeRef, Workspace,
};
use hostapi_codegen::spec::load::LoadOptions;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn workspace(spec: &Path) -> Workspace {
    checked_workspace(spec, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The document as a consumer reads it: rendered, then parsed back.
fn exported(ws: &Workspace, api: &Api) -> Value {
    let text = openapi::render(ws, api).unwrap_or_else(|e| panic!("{}: {e}", api.module));
    assert!(
        openapi::is_export(text.as_bytes()),
        "{}: no marker",
        api.module
    );
    serde_json::from_str(&text).expect("the export is JSON")
}

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/specs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture specs")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// `name` of a sent member, numbered as the runtime numbers a series.
fn sent_names(member: &Member) -> Vec<String> {
    match (member.series, member.numbering) {
        // An open-ended series shows its first two numbers.
        (true, Some(numbering)) => (0..numbering.max.map_or(2, |max| max.min(100)))
            .map(|i| numbering.name(&member.wire_name, i))
            .collect(),
        _ => vec![member.wire_name.clone()],
    }
}

/// Resolves a local `$ref` (one level is all the export uses).
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => document
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("dangling {reference}")),
        None => schema,
    }
}

/// Every method is one operation, under its HTTP method, with every
/// parameter where the runtime puts it and every returned field.
fn assert_round_trip(ws: &Workspace, api: &Api) {
    let document = exported(ws, api);
    let paths = document["paths"].as_object().expect("paths");
    let operations: usize = paths
        .values()
        .map(|item| item.as_object().expect("a path item").len())
        .sum();
    assert_eq!(operations, api.method_count(), "{}", api.module);
    for section in &api.sections {
        for method in &section.methods {
            let http = verb(api, method);
            let id = format!("{}.{}", section.module, method.rust_name);
            let found: Vec<(&String, &Value)> = paths
                .iter()
                .filter(|(_, item)| item[http]["operationId"] == id.as_str())
                .collect();
            assert_eq!(found.len(), 1, "{}: operation {id}", api.module);
            let (key, item) = found[0];
            let operation = &item[http];
            let what = format!("{} {id}", api.module);
            assert_eq!(
                operation["x-hostapi-method"]["wire_name"],
                method.wire_name.as_str()
            );

            let query: Vec<&Value> = operation["parameters"]
                .as_array()
                .map(|list| list.iter().collect())
                .unwrap_or_default();
            let query_param = |name: &str| query.iter().find(|p| p["name"] == name).copied();
            let body = operation["requestBody"]["content"]
                .as_object()
                .and_then(|content| content.values().next())
                .map(|media| &media["schema"]);
            let whole_body = method
                .params
                .iter()
                .any(|m| place_of(api, method, &m.wire_name) == Some(ParamPlace::Body));
            let body = match (&api.wire.params, body) {
                (
                    ParamEncoding::Json {
                        envelope: Some(envelope),
                    },
                    Some(body),
                ) if !whole_body => {
                    assert_eq!(body["required"][0], envelope.as_str(), "{what}");
                    Some(&body["properties"][envelope])
                }
                (_, body) => body,
            };
            let body_field = |name: &str| -> Option<(bool, &Value)> {
                let body = body?;
                let schema = body["properties"].get(name)?;
                let required = body["required"]
                    .as_array()
                    .is_some_and(|list| list.iter().any(|r| r == name));
                Some((required, schema))
            };

            let template = method.binding.as_ref().and_then(|b| b.path.as_ref());
            match &api.wire.method_name {
                _ if template.is_some() => assert_eq!(Some(key), template, "{what}"),
                MethodName::Path => {
                    let expected = format!("/{}", method.wire_name.trim_start_matches('/'));
                    assert_eq!(percent_decoded(key), expected, "{what}");
                }
                MethodName::Query(name) | MethodName::Form(name) => {
                    assert!(key.contains('#'), "{what}: {key} names no method");
                    let schema = query_param(name)
                        .map(|p| {
                            assert_eq!(p["in"], "query");
                            assert_eq!(p["required"], true);
                            &p["schema"]
                        })
                        .or_else(|| {
                            body_field(name).map(|(required, s)| {
                                assert!(required, "{what}: `{name}` is required");
                                s
                            })
                        })
                        .unwrap_or_else(|| panic!("{what}: the method name `{name}` is not sent"));
                    assert_eq!(schema["const"], method.wire_name.as_str(), "{what}");
                }
            }

            // Groups travel as their members' numbered series and counts.
            for member in &method.sent_params() {
                if let Some(place) = place_of(api, method, &member.wire_name) {
                    let name = &member.wire_name;
                    let parameter = |place: &str, sent_as: &str| {
                        query
                            .iter()
                            .find(|p| p["name"] == sent_as && p["in"] == place)
                            .copied()
                            .unwrap_or_else(|| panic!("{what}: `{name}` not in the {place}"))
                    };
                    match place {
                        ParamPlace::Path => {
                            let p = parameter("path", name);
                            assert_eq!(p["required"], true, "{what}: {name}");
                            assert!(key.contains(&format!("{{{name}}}")), "{what}: {name}");
                            check_secret(member, &p["schema"], &what);
                        }
                        ParamPlace::Header { name: header, .. } => {
                            let p = parameter("header", &header);
                            let required = p["required"].as_bool().unwrap_or(false);
                            assert_eq!(required, member.required, "{what}: {name}");
                            check_secret(member, &p["schema"], &what);
                        }
                        ParamPlace::Query => {
                            let p = parameter("query", name);
                            let required = p["required"].as_bool().unwrap_or(false);
                            assert_eq!(required, member.required, "{what}: {name}");
                            check_secret(member, &p["schema"], &what);
                        }
                        ParamPlace::Form | ParamPlace::Json => {
                            let media = if place == ParamPlace::Form {
                                "application/x-www-form-urlencoded"
                            } else {
                                "application/json"
                            };
                            let content = &operation["requestBody"]["content"];
                            assert!(content.get(media).is_some(), "{what}: {name} not {media}");
                            let (required, schema) = body_field(name)
                                .unwrap_or_else(|| panic!("{what}: `{name}` not in the body"));
                            assert_eq!(required, member.required, "{what}: {name}");
                            check_secret(member, schema, &what);
                        }
                        ParamPlace::Body => {
                            let request = &operation["requestBody"];
                            assert_eq!(request["required"], member.required, "{what}: {name}");
                            let schema = body.expect("a whole-body schema");
                            if let TypeRef::Named(ty) = &member.ty {
                                let reference = format!("#/components/schemas/{ty}");
                                assert_eq!(schema["$ref"], reference.as_str(), "{what}: {name}");
                            }
                            check_secret(member, schema, &what);
                        }
                    }
                    continue;
                }
                for (i, name) in sent_names(member).iter().enumerate() {
                    let required = member.required && i == 0;
                    if let Some(parameter) = query_param(name) {
                        assert_eq!(parameter["in"], "query", "{what}: {name}");
                        assert_eq!(
                            parameter["required"].as_bool().unwrap_or(false),
                            required,
                            "{what}: {name} required"
                        );
                        check_secret(member, &parameter["schema"], &what);
                    } else if let Some((in_body, schema)) = body_field(name) {
                        assert_eq!(in_body, required, "{what}: {name} required");
                        check_secret(member, schema, &what);
                    } else {
                        panic!("{what}: parameter `{name}` is not in the export");
                    }
                }
            }

            let answers = &operation["responses"]["200"]["content"];
            let media = answers
                .as_object()
                .and_then(|c| c.values().next())
                .expect("content");
            let success = &media["schema"]["anyOf"][0];
            if let Some(field) = &method.text_body {
                // Plain text: the field is the whole `text/plain` body (first
                // of the answers when errors share the media type), every
                // other returned field a header.
                let text = &answers["text/plain"]["schema"];
                let text = text.get("anyOf").map_or(text, |any| &any[0]);
                assert!(
                    text["type"] == "string" || text["$ref"].is_string(),
                    "{what}: text field `{field}` is {text}"
                );
                for (header, _) in &method.response_headers {
                    let headers = &operation["responses"]["200"]["headers"];
                    assert!(headers.get(header).is_some(), "{what}: header {header}");
                }
                continue;
            }
            match &method.returns_map {
                Some(_) => assert!(success["$ref"].is_string(), "{what}: map answer"),
                None => {
                    for field in &method.returns {
                        let present = if field.series {
                            let key = field.wire_name.replace("{n}", "1");
                            success["patternProperties"].as_object().is_some_and(|p| {
                                p.keys().any(|pattern| {
                                    pattern.starts_with('^') && series_matches(pattern, &key)
                                })
                            })
                        } else {
                            success["properties"].get(&field.wire_name).is_some()
                        };
                        assert!(present, "{what}: returned `{}` missing", field.wire_name);
                    }
                }
            }
            if method.returns_secrets {
                assert!(
                    media.get("example").is_none(),
                    "{what}: an example with secrets"
                );
            }
        }
    }
    // Every reference resolves.
    check_refs(&document, &document);
}

fn verb(api: &Api, method: &Method) -> &'static str {
    let http = method
        .binding
        .as_ref()
        .and_then(|b| b.http_method)
        .unwrap_or(api.wire.http_method);
    match http {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
    }
}

/// Where a bound method's parameter `name` travels, as the runtime sends
/// it (`None` for a method without a binding): its own place, else the
/// wire's, the query string for a `GET`.
fn place_of(api: &Api, method: &Method, name: &str) -> Option<ParamPlace> {
    let binding = method.binding.as_ref()?;
    if let Some(bound) = binding.params.iter().find(|p| p.wire_name == name) {
        return Some(bound.place.clone());
    }
    Some(match api.wire.params {
        _ if verb(api, method) == "get" => ParamPlace::Query,
        ParamEncoding::Json { .. } => ParamPlace::Json,
        ParamEncoding::Query => ParamPlace::Query,
        ParamEncoding::Form => ParamPlace::Form,
    })
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// Whether `key` (`Err1`) is one the series pattern (`^Err[0-9]+$`, its
/// fixed text as `\uXXXX` escapes) describes.
fn series_matches(pattern: &str, key: &str) -> bool {
    let body = pattern.trim_start_matches('^').trim_end_matches('$');
    let Some((before, after)) = body.split_once("[0-9]+") else {
        return false;
    };
    let unescape = |text: &str| -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find("\\u") {
            out.push_str(&rest[..i]);
            let code = u32::from_str_radix(&rest[i + 2..i + 6], 16).expect("hex");
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            rest = &rest[i + 6..];
        }
        out.push_str(rest);
        out
    };
    let (before, after) = (unescape(before), unescape(after));
    key.strip_prefix(&before)
        .and_then(|k| k.strip_suffix(&after))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn check_secret(member: &Member, schema: &Value, what: &str) {
    if member.secret {
        assert_eq!(schema["format"], "password", "{what}: {}", member.wire_name);
        assert_eq!(schema["writeOnly"], true, "{what}: {}", member.wire_name);
        assert!(
            schema.get("default").is_none(),
            "{what}: a secret's default"
        );
        assert!(
            schema.get("example").is_none(),
            "{what}: a secret's example"
        );
    }
}

fn check_refs(document: &Value, value: &Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("$ref") {
                resolve(document, value);
            }
            map.values().for_each(|v| check_refs(document, v));
        }
        Value::Array(items) => items.iter().for_each(|v| check_refs(document, v)),
        _ => {}
    }
}

#[test]
fn every_bundled_operation_and_parameter_round_trips() {
    let ws = workspace(&root().join("spec"));
    assert!(ws.apis.len() >= 4);
    for api in &ws.apis {
        assert_round_trip(&ws, api);
    }
}

#[test]
fn every_fixture_spec_round_trips() {
    for spec in fixtures() {
        let ws = workspace(&spec);
        for api in &ws.apis {
            assert_round_trip(&ws, api);
        }
    }
}

#[test]
fn query_style_methods_share_the_endpoint_and_name_the_command() {
    let ws = workspace(&root().join("spec/enom.yaml"));
    let document = exported(&ws, &ws.apis[0]);
    assert_eq!(document["servers"][0]["url"], "https://reseller.enom.com");
    let operation = &document["paths"]["/interface.asp#GetBalance"]["get"];
    assert_eq!(operation["parameters"][0]["name"], "command");
    assert_eq!(operation["parameters"][0]["schema"]["const"], "GetBalance");
    // uid and pw travel in the query: API-key schemes, required together.
    let schemes = document["components"]["securitySchemes"]
        .as_object()
        .expect("schemes");
    let names: Vec<&str> = schemes
        .values()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["uid", "pw"]);
    assert!(schemes.values().all(|s| s["in"] == "query"));
    assert_eq!(
        document["security"][0].as_object().map(|r| r.len()),
        Some(2)
    );
}

#[test]
fn constraints_are_json_schema_where_it_can_say_them() {
    let ws = workspace(&root().join("tests/fixtures/specs/constraints.yaml"));
    let document = exported(&ws, &ws.apis[0]);
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let mut keywords = std::collections::BTreeSet::new();
    for schema in schemas.values() {
        for (key, value) in schema.as_object().into_iter().flatten() {
            keywords.insert(key.as_str());
            if key == "x-hostapi-rule" {
                for rule in value.as_object().expect("rules keyed by id").keys() {
                    keywords.insert(rule.as_str());
                }
            }
        }
    }
    for expected in [
        "minLength",
        "maxLength",
        "pattern",
        "enum",
        "minimum",
        "maximum",
        "format",
        "description",
        "x-hostapi-rule",
        "length_in",
        "char_classes",
    ] {
        assert!(
            keywords.contains(expected),
            "no `{expected}` in {keywords:?}"
        );
    }
    // A set of lengths: its bounds as keywords, the set itself ours.
    let with_set = schemas
        .values()
        .find(|s| s["x-hostapi-rule"]["length_in"].is_object())
        .expect("a length set");
    let lengths = with_set["x-hostapi-rule"]["length_in"]["lengths"]
        .as_array()
        .expect("lengths");
    let min = lengths.iter().filter_map(Value::as_u64).min();
    assert_eq!(with_set["minLength"].as_u64(), min);
}

#[test]
fn spec_text_cannot_become_markup() {
    let ws = workspace(&root().join("tests/fixtures/specs/hostile_text.yaml"));
    let text = openapi::render(&ws, &ws.apis[0]).expect("exports");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    fn descriptions<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    if key == "description"
                        && let Some(text) = value.as_str()
                    {
                        out.push(text);
                    }
                    descriptions(value, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| descriptions(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    descriptions(&document, &mut found);
    assert!(
        found.iter().any(|d| d.contains("&lt;pre>")),
        "the prose is kept"
    );
    assert!(
        found.iter().all(|d| !d.contains('<')),
        "raw HTML in a description"
    );
    // No path key grows a template or a query from a name.
    for key in document["paths"].as_object().expect("paths").keys() {
        assert!(!key.contains(['{', '}', '?', ' ']), "{key}");
    }
}

/// Runs the validator CI installs (`.ci/run` sets the variable to its
/// `openapi-spec-validator`) over the export of every bundled API and
/// fixture spec (hostile text included); without
/// the variable there is nothing to run it with, and the test says so.
#[test]
fn exports_of_bundled_specs_pass_an_openapi_3_1_validator() {
    let Some(validator) = std::env::var_os("HOSTAPI_OPENAPI_VALIDATOR") else {
        eprintln!("HOSTAPI_OPENAPI_VALIDATOR is not set: .ci/run validates the exports");
        return;
    };
    let dir = std::env::temp_dir().join(format!("hostapi-openapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let specs = std::iter::once(root().join("spec")).chain(fixtures());
    let workspaces: Vec<Workspace> = specs.map(|spec| workspace(&spec)).collect();
    let mut paths = Vec::new();
    for (ws, api) in workspaces
        .iter()
        .flat_map(|ws| ws.apis.iter().map(move |api| (ws, api)))
    {
        // Numbered: fixtures in different folders may share a module name.
        let path = dir.join(format!("{}-{}.json", paths.len(), api.module));
        std::fs::write(&path, openapi::render(ws, api).expect("exports")).expect("written");
        paths.push(path);
    }
    // One run for every file: the validator's start-up (Python and its
    // schemas) is most of its time. It reports each file by name.
    let output = std::process::Command::new(&validator)
        .args(&paths)
        .output()
        .expect("the validator runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Every file was read: one `OK` line each.
    assert_eq!(stdout.matches(": OK").count(), paths.len(), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn named_servers_are_listed_default_first() {
    let ws = workspace(&root().join("tests/fixtures/specs/servers.yaml"));
    let document = exported(&ws, &ws.apis[0]);
    let servers = document["servers"].as_array().expect("servers");
    // The methods' path keys repeat the default's last segment (`/v1`), so
    // only servers ending in it are OpenAPI servers; the extension lists all.
    assert_eq!(servers.len(), 2, "{servers:?}");
    assert_eq!(servers[0]["url"], "https://api.example.test");
    assert_eq!(servers[0]["description"], "production");
    assert_eq!(servers[1]["url"], "https://sandbox.example.test");
    assert_eq!(servers[1]["description"], "test");
    assert_eq!(
        document["x-hostapi-servers"]["legacy"],
        "http://old.example.test:8080"
    );
}

#[test]
fn status_rules_and_header_fields_are_responses() {
    let ws = workspace(&root().join("tests/fixtures/specs/wire_statuses.yaml"));
    let api = &ws.apis[0];
    let document = exported(&ws, api);
    let headers_seen = document["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("a path item").values())
        .filter_map(|operation| operation["responses"]["200"]["headers"].as_object())
        .flat_map(|headers| headers.keys().cloned())
        .collect::<Vec<_>>();
    assert!(
        headers_seen.contains(&"Retry-After".to_string()),
        "{headers_seen:?}"
    );
    assert!(
        headers_seen.contains(&"Link".to_string()),
        "{headers_seen:?}"
    );
    for (_, item) in document["paths"].as_object().expect("paths") {
        for (_, operation) in item.as_object().expect("a path item") {
            let responses = &operation["responses"];
            let error = |key: &str| {
                responses[key]["content"]
                    .as_object()
                    .and_then(|c| c.values().next())
                    .map(|m| m["schema"]["$ref"].as_str().unwrap_or_default().to_string())
                    .unwrap_or_default()
            };
            assert!(
                error("404").ends_with("hostapi.Error.NotFound"),
                "{responses}"
            );
            assert!(
                error("4XX").ends_with("hostapi.Error.Rejected"),
                "{responses}"
            );
            assert!(
                error("default").ends_with("hostapi.Error.Unavailable"),
                "{responses}"
            );
            // `409` is a success: the same answer as 200.
            assert_eq!(responses["409"]["content"], responses["200"]["content"]);
        }
    }
}

/// A plain-text method of a JSON API: the text as `text/plain`, its
/// errors still as JSON beside it.
#[test]
fn a_plain_text_method_of_a_json_api_answers_text_or_json_errors() {
    let ws = workspace(&root().join("codegen/tests/lint/fixtures/text-response/good.yaml"));
    let document = exported(&ws, &ws.apis[0]);
    let answer = &document["paths"]["/Things/zone"]["post"]["responses"]["200"];
    assert_eq!(answer["content"]["text/plain"]["schema"]["type"], "string");
    let errors = answer["content"]["application/json"]["schema"]["anyOf"]
        .as_array()
        .expect("the errors");
    assert_eq!(
        errors.last(),
        Some(&serde_json::json!({"$ref": "#/components/schemas/hostapi.Error"}))
    );
    assert!(answer["headers"].get("Retry-After").is_some(), "{answer}");
}
