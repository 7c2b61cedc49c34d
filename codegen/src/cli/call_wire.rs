//! The runtime's wire descriptors for a spec loaded at run time (leaked:
//! the command line makes one call and exits), and the `--dry-run` view of
//! a request with every credential redacted.

use hostapi_codegen::ir::{self, Api, Method};
use hostapi_runtime::wire::{
    ApiDescriptor, BasicAuth, CredentialParam, ErrorRule, HttpMethod, MethodDescriptor, MethodName,
    ParamEncoding, ResponseFormat, ResponseHeader, Server, StatusMatch, StatusOutcome, StatusRule,
    Wire,
};
use serde_json::{Map, Value};

/// Stands in for every credential in `--dry-run` output.
const REDACTED: &str = "[REDACTED]";

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

pub fn api_descriptor(api: &Api) -> &'static ApiDescriptor {
    let wire = &api.wire;
    let credential_params: Vec<CredentialParam> = wire
        .credential_params
        .iter()
        .map(|(wire_name, credential)| CredentialParam {
            wire_name: leak(wire_name),
            credential: leak(credential),
        })
        .collect();
    let error = match &wire.error {
        ir::ErrorRule::FieldPresent { field, message } => ErrorRule::FieldPresent {
            field: leak(field),
            message: message.as_deref().map(leak),
        },
        ir::ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => ErrorRule::FieldEquals {
            field: leak(field),
            value: leak(value),
            message: leak(message),
        },
        ir::ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => ErrorRule::CountAbove {
            field: leak(field),
            message_prefix: leak(message_prefix),
            number_prefix: number_prefix.as_deref().map(leak),
            text_prefix: text_prefix.as_deref().map(leak),
        },
    };
    Box::leak(Box::new(ApiDescriptor {
        name: leak(&api.module),
        title: leak(&api.title),
        default_base_url: leak(&api.base_url),
        wire: Wire {
            http_method: match wire.http_method {
                ir::HttpMethod::Get => HttpMethod::Get,
                ir::HttpMethod::Post => HttpMethod::Post,
            },
            method_name: match &wire.method_name {
                ir::MethodName::Path => MethodName::Path,
                ir::MethodName::Query(name) => MethodName::Query(leak(name)),
                ir::MethodName::Form(name) => MethodName::Form(leak(name)),
            },
            params: match &wire.params {
                ir::ParamEncoding::Json { envelope } => ParamEncoding::Json {
                    envelope: envelope.as_deref().map(leak),
                },
                ir::ParamEncoding::Query => ParamEncoding::Query,
                ir::ParamEncoding::Form => ParamEncoding::Form,
            },
            basic_auth: wire
                .basic_auth
                .as_ref()
                .map(|(username, password)| BasicAuth {
                    username: leak(username),
                    password: leak(password),
                }),
            credential_params: Box::leak(credential_params.into_boxed_slice()),
            response: match wire.response {
                ir::ResponseFormat::Json => ResponseFormat::Json,
                ir::ResponseFormat::KeyValue => ResponseFormat::KeyValue,
            },
            error,
        },
        // The command line sends the credentials themselves: one call
        // gains nothing from a token.
        session: None,
        statuses: Box::leak(statuses(api).into_boxed_slice()),
        servers: Box::leak(
            api.servers
                .iter()
                .map(|(name, base_url)| Server {
                    name: leak(name),
                    base_url: leak(base_url),
                })
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
    }))
}

/// `wire.statuses` as the runtime reads them.
fn statuses(api: &Api) -> Vec<StatusRule> {
    api.statuses
        .iter()
        .map(|rule| StatusRule {
            status: match rule.status {
                ir::StatusMatch::Code(code) => StatusMatch::Code(code),
                ir::StatusMatch::Class(digit) => StatusMatch::Class(digit),
                ir::StatusMatch::Default => StatusMatch::Default,
            },
            outcome: match &rule.outcome {
                ir::StatusOutcome::Success => StatusOutcome::Success,
                ir::StatusOutcome::Error(class) => StatusOutcome::Error(leak(class)),
            },
        })
        .collect()
}

pub fn method_descriptor(api: &Api, method: &Method) -> &'static MethodDescriptor {
    let mut series: Vec<&'static str> = method
        .returns
        .iter()
        .filter(|m| m.series)
        .map(|m| leak(&m.wire_name))
        .collect();
    if let ir::ErrorRule::CountAbove { message_prefix, .. } = &api.wire.error {
        series.push(leak(&format!("{message_prefix}{{n}}")));
    }
    let headers: Vec<ResponseHeader> = method
        .response_headers
        .iter()
        .map(|(header, field)| ResponseHeader {
            header: leak(header),
            field: leak(field),
        })
        .collect();
    Box::leak(Box::new(MethodDescriptor {
        section: "",
        name: leak(&method.name),
        wire_name: leak(&method.wire_name),
        idempotent: method.idempotent,
        returns_secrets: method.returns_secrets,
        series: Box::leak(series.into_boxed_slice()),
        headers: Box::leak(headers.into_boxed_slice()),
    }))
}

/// The request as the runtime would send it, credentials redacted, and
/// secret parameters too.
pub fn dry_run(api: &Api, method: &Method, base_url: &str, params: &Map<String, Value>) -> String {
    let wire = &api.wire;
    let mut shown = params.clone();
    for param in method.params.iter().filter(|p| p.secret) {
        if let Some(value) = shown.get_mut(&param.wire_name) {
            *value = Value::String(REDACTED.into());
        }
    }
    let mut url = base_url.trim_end_matches('/').to_string();
    if wire.method_name == ir::MethodName::Path {
        url.push('/');
        url.push_str(method.wire_name.trim_start_matches('/'));
    }
    let http_method = match wire.http_method {
        ir::HttpMethod::Get => "GET",
        ir::HttpMethod::Post => "POST",
    };
    let form_body = http_method == "POST" && wire.params == ir::ParamEncoding::Form;
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut form = form_urlencoded::Serializer::new(String::new());
    match &wire.method_name {
        ir::MethodName::Path => {}
        ir::MethodName::Query(name) => {
            query.append_pair(name, &method.wire_name);
        }
        ir::MethodName::Form(name) if form_body => {
            form.append_pair(name, &method.wire_name);
        }
        ir::MethodName::Form(name) => {
            query.append_pair(name, &method.wire_name);
        }
    }
    let mut headers = Vec::new();
    let mut body = String::new();
    match &wire.params {
        ir::ParamEncoding::Json { envelope } => {
            let mut object = shown;
            for (wire_name, _) in &wire.credential_params {
                object.insert(wire_name.clone(), Value::String(REDACTED.into()));
            }
            let value = match envelope {
                Some(key) => Value::Object(Map::from_iter([(key.clone(), Value::Object(object))])),
                None => Value::Object(object),
            };
            headers.push("Content-Type: application/json".to_string());
            body = serde_json::to_string_pretty(&value).unwrap_or_default();
        }
        ir::ParamEncoding::Query | ir::ParamEncoding::Form => {
            let target = if form_body { &mut form } else { &mut query };
            for (wire_name, _) in &wire.credential_params {
                target.append_pair(wire_name, REDACTED);
            }
            for (key, value) in &shown {
                flatten(key, value, target);
            }
        }
    }
    let query = query.finish();
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    if form_body {
        headers.push("Content-Type: application/x-www-form-urlencoded".to_string());
        body = form.finish();
    }
    if wire.basic_auth.is_some() {
        headers.push(format!("Authorization: Basic {REDACTED}"));
    }
    let mut out = format!("{http_method} {url}");
    for header in headers {
        out.push('\n');
        out.push_str(&header);
    }
    if !body.is_empty() {
        out.push_str("\n\n");
        out.push_str(&body);
    }
    out
}

/// As the runtime flattens a value into pairs: lists repeat the key,
/// objects use `key[sub]`, booleans are 1/0.
fn flatten(key: &str, value: &Value, out: &mut form_urlencoded::Serializer<'_, String>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => {
            out.append_pair(key, if *b { "1" } else { "0" });
        }
        Value::Number(n) => {
            out.append_pair(key, &n.to_string());
        }
        Value::String(s) => {
            out.append_pair(key, s);
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        flatten(&format!("{key}[{i}]"), item, out)
                    }
                    _ => flatten(key, item, out),
                }
            }
        }
        Value::Object(object) => {
            for (sub, item) in object {
                flatten(&format!("{key}[{sub}]"), item, out);
            }
        }
    }
}
