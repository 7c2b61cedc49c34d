//! The runtime's wire descriptors for a spec loaded at run time (leaked:
//! the command line makes one call and exits), and the `--dry-run` view of
//! a request with every credential redacted.

use hostapi_codegen::ir::{self, Api, Method};
use hostapi_runtime::binding::{MethodBinding, ParamBinding, ParamPlace};
use hostapi_runtime::wire::{
    ApiDescriptor, AuthScheme, BasicAuth, CredentialParam, ErrorRule, HttpMethod, MethodDescriptor,
    MethodName, ParamEncoding, ResponseFormat, ResponseHeader, Server, StatusMatch, StatusOutcome,
    StatusRule, Wire,
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
    let auth_schemes: Vec<AuthScheme> = wire
        .auth_schemes
        .iter()
        .map(|scheme| match scheme {
            ir::AuthScheme::Bearer(credential) => AuthScheme::Bearer {
                credential: leak(credential),
            },
            ir::AuthScheme::BearerSession => AuthScheme::BearerSession,
            ir::AuthScheme::ApiKeyHeader { name, credential } => AuthScheme::ApiKeyHeader {
                name: leak(name),
                credential: leak(credential),
            },
            ir::AuthScheme::ApiKeyQuery { name, credential } => AuthScheme::ApiKeyQuery {
                name: leak(name),
                credential: leak(credential),
            },
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
            http_method: http_method(wire.http_method),
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
            auth_schemes: Box::leak(auth_schemes.into_boxed_slice()),
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
        binding: method.binding.as_ref().map(method_binding),
        headers: Box::leak(headers.into_boxed_slice()),
        text_body: method.text_body.as_deref().map(leak),
    }))
}

fn http_method(method: ir::HttpMethod) -> HttpMethod {
    match method {
        ir::HttpMethod::Get => HttpMethod::Get,
        ir::HttpMethod::Post => HttpMethod::Post,
        ir::HttpMethod::Put => HttpMethod::Put,
        ir::HttpMethod::Patch => HttpMethod::Patch,
        ir::HttpMethod::Delete => HttpMethod::Delete,
    }
}

fn method_binding(binding: &ir::MethodBinding) -> &'static MethodBinding {
    let params: Vec<ParamBinding> = binding
        .params
        .iter()
        .map(|p| ParamBinding {
            name: leak(&p.wire_name),
            place: match &p.place {
                ir::ParamPlace::Path => ParamPlace::Path,
                ir::ParamPlace::Query => ParamPlace::Query,
                ir::ParamPlace::Header { name, sensitive } => ParamPlace::Header {
                    name: leak(name),
                    sensitive: *sensitive,
                },
                ir::ParamPlace::Form => ParamPlace::Form,
                ir::ParamPlace::Json => ParamPlace::Json,
                ir::ParamPlace::Body => ParamPlace::Body,
            },
        })
        .collect();
    Box::leak(Box::new(MethodBinding {
        http_method: binding.http_method.map(http_method),
        path: binding.path.as_deref().map(leak),
        params: Box::leak(params.into_boxed_slice()),
    }))
}

/// The request as the runtime would send it, credentials redacted, and
/// secret parameters too.
pub fn dry_run(api: &Api, method: &Method, base_url: &str, params: &Map<String, Value>) -> String {
    let wire = &api.wire;
    let mut shown = params.clone();
    // Secret members of a series or group are given by number (`AuthInfo1`).
    for param in method.sent_params().iter().filter(|p| p.secret) {
        for (name, value) in shown.iter_mut() {
            if names_match(&param.wire_name, name) {
                *value = Value::String(REDACTED.into());
            }
        }
    }
    let mut url = base_url.trim_end_matches('/').to_string();
    let binding = method.binding.as_ref();
    let verb = binding
        .and_then(|b| b.http_method)
        .unwrap_or(wire.http_method);
    let mut bound = Bound::default();
    match binding.and_then(|b| b.path.as_ref().map(|path| (b, path))) {
        Some((binding, template)) => {
            let values: Vec<(&'static str, String)> = binding
                .params
                .iter()
                .filter(|p| p.place == ir::ParamPlace::Path)
                .filter_map(|p| {
                    let text = match shown.get(&p.wire_name)? {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    Some((leak(&p.wire_name), text))
                })
                .collect();
            // A value the runtime would refuse shows the template as it is.
            let path = hostapi_runtime::binding::expand_path(template, &values)
                .unwrap_or_else(|_| template.clone());
            url.push_str(&path);
        }
        None if wire.method_name == ir::MethodName::Path => {
            url.push('/');
            url.push_str(method.wire_name.trim_start_matches('/'));
        }
        None => {}
    }
    if let Some(binding) = binding {
        bound = Bound::take(binding, &mut shown);
    }
    let http_method = http_method(verb).as_str();
    let has_body = verb != ir::HttpMethod::Get;
    let form_body = (has_body && wire.params == ir::ParamEncoding::Form) || !bound.form.is_empty();
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
    let mut headers = bound.headers;
    for (key, value) in &bound.query {
        flatten(key, value, &mut query);
    }
    for (key, value) in &bound.form {
        flatten(key, value, &mut form);
    }
    let mut body = String::new();
    if let Some(value) = &bound.body {
        headers.push("Content-Type: application/json".to_string());
        body = serde_json::to_string_pretty(value).unwrap_or_default();
    }
    // On a GET, parameters without a place of their own join the query.
    let default_place = if has_body {
        &wire.params
    } else {
        &ir::ParamEncoding::Query
    };
    match default_place {
        _ if bound.body.is_some() => {}
        ir::ParamEncoding::Json { .. } => {
            let envelope = match &wire.params {
                ir::ParamEncoding::Json { envelope } => envelope,
                _ => &None,
            };
            let mut object = shown;
            for (wire_name, _) in &wire.credential_params {
                object.insert(wire_name.clone(), Value::String(REDACTED.into()));
            }
            object.extend(bound.json);
            let value = match envelope {
                Some(key) => Value::Object(Map::from_iter([(key.clone(), Value::Object(object))])),
                None => Value::Object(object),
            };
            headers.push("Content-Type: application/json".to_string());
            body = serde_json::to_string_pretty(&value).unwrap_or_default();
        }
        ir::ParamEncoding::Query | ir::ParamEncoding::Form => {
            if !bound.json.is_empty() {
                headers.push("Content-Type: application/json".to_string());
                body = serde_json::to_string_pretty(&Value::Object(bound.json)).unwrap_or_default();
            }
            let target = if *default_place == ir::ParamEncoding::Form {
                &mut form
            } else {
                &mut query
            };
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
    for scheme in &wire.auth_schemes {
        match scheme {
            // The command line sends the credentials themselves, never a
            // session's token.
            ir::AuthScheme::BearerSession => {}
            ir::AuthScheme::Bearer(_) => headers.push(format!("Authorization: Bearer {REDACTED}")),
            ir::AuthScheme::ApiKeyHeader { name, .. } => {
                headers.push(format!("{name}: {REDACTED}"))
            }
            ir::AuthScheme::ApiKeyQuery { name, .. } => {
                let mut pair = form_urlencoded::Serializer::new(String::new());
                pair.append_pair(name, REDACTED);
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(&pair.finish());
            }
        }
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

/// A bound method's parameters taken out of the request by place.
#[derive(Default)]
struct Bound {
    headers: Vec<String>,
    query: Map<String, Value>,
    form: Map<String, Value>,
    json: Map<String, Value>,
    body: Option<Value>,
}

impl Bound {
    /// Moves every bound parameter of `shown` into its place; path
    /// parameters are dropped (they are in the URL already).
    fn take(binding: &ir::MethodBinding, shown: &mut Map<String, Value>) -> Bound {
        let mut out = Bound::default();
        for param in &binding.params {
            let Some(value) = shown.remove(&param.wire_name) else {
                continue;
            };
            match &param.place {
                ir::ParamPlace::Path => {}
                ir::ParamPlace::Header { name, .. } => {
                    let text = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    out.headers.push(format!("{name}: {text}"));
                }
                ir::ParamPlace::Query => {
                    out.query.insert(param.wire_name.clone(), value);
                }
                ir::ParamPlace::Form => {
                    out.form.insert(param.wire_name.clone(), value);
                }
                ir::ParamPlace::Json => {
                    out.json.insert(param.wire_name.clone(), value);
                }
                ir::ParamPlace::Body => out.body = Some(value),
            }
        }
        out
    }
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

/// Whether `given` names the parameter `key`, as the server reads names:
/// without regard to case, and a numbered series' key (`NS{n}`) naming
/// each of its numbers (`NS1`, `ns12`).
pub(super) fn names_match(key: &str, given: &str) -> bool {
    match key.split_once("{n}") {
        None => key.eq_ignore_ascii_case(given),
        Some((prefix, suffix)) => {
            let given = given.as_bytes();
            let (prefix, suffix) = (prefix.as_bytes(), suffix.as_bytes());
            given.len() > prefix.len() + suffix.len()
                && given[..prefix.len()].eq_ignore_ascii_case(prefix)
                && given[given.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                && given[prefix.len()..given.len() - suffix.len()]
                    .iter()
                    .all(u8::is_ascii_digit)
        }
    }
}
