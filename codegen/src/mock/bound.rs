//! Methods with their own HTTP binding: routed by HTTP method and path
//! template (`/domains/{domain}`, each `{name}` one percent-decoded
//! segment), their parameters read where the binding puts them (path,
//! query, headers, form, JSON members, the whole JSON body) and the rest
//! where the API's wire puts them, the query string for a `GET`, as the
//! runtime sends them.

use serde_json::{Map, Value};

use super::incoming::{Incoming, KeyValueStyle, RawRequest, pairs, shape_pairs, value_of};
use crate::ir::{
    Api, HttpMethod, Member, Method, MethodBinding, NamedType, ParamEncoding, ParamPlace,
};

/// A bound method a request's path and HTTP method name.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub section: usize,
    pub method: usize,
    /// Path parameter wire name → decoded segment.
    pub path_values: Vec<(String, String)>,
}

/// Why a request for a bound path cannot be served.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The path is bound, but not for this HTTP method; the ones it is for.
    WrongMethod(Vec<&'static str>),
    /// A `{name}` segment is not percent-encoded UTF-8, or decodes to a
    /// value the runtime never sends (empty, `.`, `..`).
    BadSegment { param: String, why: &'static str },
}

/// The HTTP method `method` is sent with.
pub fn http_method_of(api: &Api, method: &Method) -> HttpMethod {
    method
        .binding
        .as_ref()
        .and_then(|b| b.http_method)
        .unwrap_or(api.wire.http_method)
}

pub fn http_method_name(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
    }
}

/// The bound method whose path template `path` (below the API's prefix)
/// matches, for `http_method`; `None` when no template matches, so the
/// request is routed by method name. Literal segments win over `{name}`
/// ones (`/domains/search` before `/domains/{domain}`).
pub fn route(api: &Api, path: &str, http_method: &str) -> Option<Result<Found, Refusal>> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut candidates: Vec<(usize, usize, &Method, usize)> = Vec::new();
    for (s, section) in api.sections.iter().enumerate() {
        for (m, method) in section.methods.iter().enumerate() {
            let Some(template) = method.binding.as_ref().and_then(|b| b.path.as_ref()) else {
                continue;
            };
            let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
            if parts.len() != segments.len() {
                continue;
            }
            let mut literals = 0;
            let matches = parts.iter().zip(&segments).all(|(part, segment)| {
                if is_placeholder(part) {
                    return true;
                }
                literals += 1;
                part == segment
            });
            if matches {
                candidates.push((s, m, method, literals));
            }
        }
    }
    if candidates.is_empty() {
        return None;
    }
    candidates.sort_by_key(|(.., literals)| std::cmp::Reverse(*literals));
    let Some(&(section, index, method, _)) = candidates
        .iter()
        .find(|(_, _, method, _)| http_method_name(http_method_of(api, method)) == http_method)
    else {
        let mut allowed: Vec<&'static str> = candidates
            .iter()
            .map(|(_, _, method, _)| http_method_name(http_method_of(api, method)))
            .collect();
        allowed.dedup();
        return Some(Err(Refusal::WrongMethod(allowed)));
    };
    let template = method
        .binding
        .as_ref()
        .and_then(|b| b.path.as_deref())
        .unwrap_or_default();
    let mut path_values = Vec::new();
    for (part, segment) in template.trim_start_matches('/').split('/').zip(&segments) {
        if !is_placeholder(part) {
            continue;
        }
        let param = part[1..part.len() - 1].to_string();
        match decode_segment(segment) {
            Ok(value) => path_values.push((param, value)),
            Err(why) => return Some(Err(Refusal::BadSegment { param, why })),
        }
    }
    Some(Ok(Found {
        section,
        method: index,
        path_values,
    }))
}

fn is_placeholder(part: &str) -> bool {
    part.len() > 2 && part.starts_with('{') && part.ends_with('}')
}

/// One path segment, percent-decoded (`+` stays `+`: it is not a space in
/// a path).
fn decode_segment(segment: &str) -> Result<String, &'static str> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("holds a `%` that starts no percent-encoded byte")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).map_err(|_| "is not UTF-8 once decoded")?;
    match text.as_str() {
        "" | "." | ".." => Err("is empty, `.` or `..`, which the runtime never sends"),
        _ => Ok(text),
    }
}

/// Reads a call of the bound `method`: each parameter from its place, the
/// credentials as [`super::incoming::read`] reads them (already in
/// `incoming`), credential parameters from the wire's default place.
pub fn read(
    api: &Api,
    method: &Method,
    binding: &MethodBinding,
    request: &RawRequest,
    path_values: &[(String, String)],
    types: &[&NamedType],
    incoming: &mut Incoming,
) {
    let has_body = http_method_of(api, method) != HttpMethod::Get;
    let query = pairs(request.query.as_bytes());
    let content_type = request.header("content-type").unwrap_or_default();
    let form = if content_type.starts_with("application/x-www-form-urlencoded") {
        pairs(&request.body)
    } else {
        Vec::new()
    };
    let mut unreadable = None;
    let whole: Option<Value> = if request.body.is_empty() || !form.is_empty() {
        None
    } else {
        match serde_json::from_slice::<Value>(&request.body) {
            Ok(value) => Some(value),
            Err(e) => {
                unreadable = Some(format!("the body is not JSON: {e}"));
                None
            }
        }
    };
    let envelope = match &api.wire.params {
        ParamEncoding::Json { envelope } => envelope.as_deref(),
        _ => None,
    };
    let members: Map<String, Value> = match (&whole, envelope) {
        (Some(Value::Object(object)), Some(key)) => match object.get(key) {
            Some(Value::Object(inner)) => inner.clone(),
            _ => Map::new(),
        },
        (Some(Value::Object(object)), None) => object.clone(),
        _ => Map::new(),
    };
    let default = match api.wire.params {
        _ if !has_body => ParamPlace::Query,
        ParamEncoding::Json { .. } => ParamPlace::Json,
        ParamEncoding::Query => ParamPlace::Query,
        ParamEncoding::Form => ParamPlace::Form,
    };
    for (wire_name, credential) in &api.wire.credential_params {
        let value = match default {
            ParamPlace::Json => members
                .get(wire_name)
                .and_then(Value::as_str)
                .map(str::to_string),
            ParamPlace::Form => value_of(&form, wire_name),
            _ => value_of(&query, wire_name),
        };
        if let Some(value) = value {
            incoming.credentials.push((credential.clone(), value));
        }
    }

    let json_members = method.params.iter().any(|member| {
        binding
            .params
            .iter()
            .find(|p| p.wire_name == member.wire_name)
            .map_or(default == ParamPlace::Json, |p| p.place == ParamPlace::Json)
    });
    if json_members && whole.as_ref().is_some_and(|v| !v.is_object()) {
        unreadable = Some("the body is not a JSON object".into());
    }
    let mut params = Map::new();
    let mut by_pairs: Vec<(Member, Vec<(String, String)>)> = Vec::new();
    for member in &method.params {
        let place = binding
            .params
            .iter()
            .find(|p| p.wire_name == member.wire_name)
            .map_or(default.clone(), |p| p.place.clone());
        match place {
            ParamPlace::Path => {
                let sent = path_values
                    .iter()
                    .filter(|(name, _)| *name == member.wire_name)
                    .cloned()
                    .collect();
                by_pairs.push((member.clone(), sent));
            }
            ParamPlace::Header { name, .. } => {
                let sent = request
                    .header(&name)
                    .map(|v| vec![(member.wire_name.clone(), v.to_string())])
                    .unwrap_or_default();
                by_pairs.push((member.clone(), sent));
            }
            ParamPlace::Query => by_pairs.push((member.clone(), query.clone())),
            ParamPlace::Form => by_pairs.push((member.clone(), form.clone())),
            ParamPlace::Json => {
                if let Some(value) = members.get(&member.wire_name) {
                    params.insert(member.wire_name.clone(), value.clone());
                }
            }
            ParamPlace::Body => {
                if let Some(value) = &whole {
                    params.insert(member.wire_name.clone(), value.clone());
                }
            }
        }
    }
    for (member, sent) in by_pairs {
        params.append(&mut shape_pairs(
            &sent,
            std::slice::from_ref(&member),
            types,
        ));
    }
    incoming.method_name = method.wire_name.clone();
    incoming.params = params;
    incoming.pairs = None;
    incoming.style = KeyValueStyle::Text;
    incoming.unreadable = unreadable;
}
