//! Reading a request as the API's wire style sends it: the method name
//! (path, `command=` or `action=`), the parameters (JSON body with its
//! envelope, query string or form), the credentials (HTTP Basic, Bearer
//! tokens, API keys or parameters) and, for key/value APIs, the answer format asked for.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::ir::{Api, AuthScheme, Member, MethodName, NamedType, ParamEncoding, TypeKind, TypeRef};

/// A request as received, before any API reads it.
#[derive(Clone, Debug, Default)]
pub struct RawRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, e.g. `/liquidweb_v1/Account/Auth/token`.
    pub path: String,
    /// The query string without `?`.
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How a key/value answer is written (eNom's `ResponseType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyValueStyle {
    Text,
    Html,
    Xml,
}

/// What one request asks of an API.
#[derive(Debug)]
pub struct Incoming {
    /// The method name as sent (empty when none was).
    pub method_name: String,
    /// A JSON request's parameters by wire name, credentials removed.
    pub params: Map<String, Value>,
    /// A query or form request's parameters, credentials and the method
    /// name removed, for [`shape_pairs`].
    pub pairs: Option<Vec<(String, String)>>,
    /// Credential name → value received.
    pub credentials: Vec<(String, String)>,
    pub style: KeyValueStyle,
    /// The body could not be read in the API's encoding.
    pub unreadable: Option<String>,
}

/// Reads `request` as `api` sends it; `path` is the part of its path below
/// the API's prefix.
pub fn read(api: &Api, request: &RawRequest, path: &str) -> Incoming {
    let wire = &api.wire;
    let mut incoming = Incoming {
        method_name: String::new(),
        params: Map::new(),
        pairs: None,
        credentials: Vec::new(),
        style: KeyValueStyle::Text,
        unreadable: None,
    };
    if let Some((user_name, password_name)) = &wire.basic_auth
        && let Some((user, password)) = basic_auth(request)
    {
        incoming.credentials.push((user_name.clone(), user));
        incoming.credentials.push((password_name.clone(), password));
    }
    let mut query = pairs(request.query.as_bytes());
    scheme_credentials(api, request, &mut query, &mut incoming.credentials);
    let form_body = request
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let body_pairs = if form_body {
        pairs(&request.body)
    } else {
        Vec::new()
    };
    incoming.method_name = match &wire.method_name {
        MethodName::Path => path.trim_matches('/').to_string(),
        MethodName::Query(name) => value_of(&query, name).unwrap_or_default(),
        MethodName::Form(name) => value_of(&body_pairs, name)
            .or_else(|| value_of(&query, name))
            .unwrap_or_default(),
    };
    match &wire.params {
        ParamEncoding::Json { envelope } => {
            let object = match serde_json::from_slice::<Value>(&request.body) {
                _ if request.body.is_empty() => Map::new(),
                Ok(Value::Object(object)) => object,
                Ok(_) => {
                    incoming.unreadable = Some("the body is not a JSON object".into());
                    Map::new()
                }
                Err(e) => {
                    incoming.unreadable = Some(format!("the body is not JSON: {e}"));
                    Map::new()
                }
            };
            let mut params = match envelope {
                Some(key) => match object.get(key) {
                    Some(Value::Object(inner)) => inner.clone(),
                    _ => Map::new(),
                },
                None => object,
            };
            for (wire_name, credential) in &wire.credential_params {
                if let Some(value) = params.remove(wire_name) {
                    let text = value.as_str().map(str::to_string).unwrap_or_default();
                    incoming.credentials.push((credential.clone(), text));
                }
            }
            incoming.params = params;
        }
        ParamEncoding::Query | ParamEncoding::Form => {
            let mut all: Vec<(String, String)> = query;
            all.extend(body_pairs);
            let skip: Option<&str> = match &wire.method_name {
                MethodName::Query(name) | MethodName::Form(name) => Some(name),
                MethodName::Path => None,
            };
            all.retain(|(k, _)| Some(k.as_str()) != skip);
            for (wire_name, credential) in &wire.credential_params {
                if let Some(value) = value_of(&all, wire_name) {
                    incoming.credentials.push((credential.clone(), value));
                }
                all.retain(|(k, _)| !k.eq_ignore_ascii_case(wire_name));
            }
            if let Some(style) = value_of(&all, "ResponseType") {
                incoming.style = match style.to_ascii_uppercase().as_str() {
                    "XML" => KeyValueStyle::Xml,
                    "HTML" => KeyValueStyle::Html,
                    _ => KeyValueStyle::Text,
                };
            }
            // Kept as pairs until the method is known: its parameters'
            // types decide how repeated and bracketed keys read.
            incoming.pairs = Some(all);
        }
    }
    incoming
}

/// Rebuilds a query or form request's parameters for `params`: a list
/// parameter from its repeated key, an object from `key[sub]` keys, a
/// numeric one as a number. Names match exactly, else ignoring ASCII case
/// (eNom's names are case-insensitive).
pub fn shape_pairs(
    pairs: &[(String, String)],
    params: &[Member],
    types: &[&NamedType],
) -> Map<String, Value> {
    let mut out = Map::new();
    for param in params {
        if let Some(numbering) = param.numbering {
            // A numbered series (`NS{n}`): each number is its own value.
            let kind = match resolve(&param.ty, types) {
                Shape::Scalar(kind) | Shape::List(kind) => kind,
                Shape::Nested => Numeric::Text,
            };
            for index in 0..numbering.span(crate::mock::OPEN_SERIES_READ) {
                let name = numbering.name(&param.wire_name, index);
                if let Some(text) = value_of(pairs, &name) {
                    out.insert(name, scalar(kind, &text));
                }
            }
            continue;
        }
        let key = pairs
            .iter()
            .find(|(k, _)| *k == param.wire_name)
            .or_else(|| {
                pairs
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&param.wire_name))
            })
            .map(|(k, _)| k.clone());
        let prefix = format!("{}[", param.wire_name);
        let nested: Vec<(&str, &str)> = pairs
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?, v.as_str())))
            .collect();
        let value = match (resolve(&param.ty, types), key) {
            (Shape::List(item), Some(key)) => Value::Array(
                pairs
                    .iter()
                    .filter(|(k, _)| *k == key)
                    .map(|(_, v)| scalar(item, v))
                    .collect(),
            ),
            (_, None) if !nested.is_empty() => nest(&nested),
            (shape, Some(key)) => {
                let text = pairs.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v);
                let Some(text) = text else { continue };
                match shape {
                    Shape::Scalar(kind) => scalar(kind, text),
                    _ => Value::String(text.clone()),
                }
            }
            (_, None) => continue,
        };
        out.insert(param.wire_name.clone(), value);
    }
    out
}

/// `a]=1`, `b][c]=2` (keys after `name[`) as `{"a": "1", "b": {"c": "2"}}`.
fn nest(pairs: &[(&str, &str)]) -> Value {
    let mut object = Map::new();
    for (key, value) in pairs {
        let mut parts = key.split('[').map(|p| p.trim_end_matches(']'));
        let Some(first) = parts.next() else { continue };
        let rest: Vec<&str> = parts.collect();
        let mut slot = object
            .entry(first.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        for part in rest {
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(map) = slot else { break };
            slot = map
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        *slot = Value::String((*value).to_string());
    }
    Value::Object(object)
}

/// How a parameter's value is carried in pairs.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Scalar(Numeric),
    List(Numeric),
    Nested,
}

#[derive(Clone, Copy, Debug)]
enum Numeric {
    Integer,
    Float,
    Text,
}

fn resolve(ty: &TypeRef, types: &[&NamedType]) -> Shape {
    let kind = |ty: &TypeRef| -> Numeric {
        match ty {
            TypeRef::Builtin(crate::ir::Builtin::Integer) => Numeric::Integer,
            TypeRef::Builtin(crate::ir::Builtin::Float) => Numeric::Float,
            TypeRef::Builtin(_) => Numeric::Text,
            TypeRef::Named(name) => match types.iter().find(|t| t.rust_name == *name) {
                Some(t) => match t.kind {
                    TypeKind::Integer { .. } | TypeKind::UnixTime => Numeric::Integer,
                    TypeKind::Float { .. } => Numeric::Float,
                    _ => Numeric::Text,
                },
                None => Numeric::Text,
            },
        }
    };
    let TypeRef::Named(name) = ty else {
        return Shape::Scalar(kind(ty));
    };
    match types.iter().find(|t| t.rust_name == *name).map(|t| &t.kind) {
        Some(TypeKind::Array { items }) => Shape::List(kind(items)),
        Some(TypeKind::Object { .. } | TypeKind::Map { .. }) => Shape::Nested,
        _ => Shape::Scalar(kind(ty)),
    }
}

/// A number when it reads as one; otherwise the text, for the checker to
/// refuse with the type's own message.
fn scalar(kind: Numeric, text: &str) -> Value {
    let number = match kind {
        Numeric::Integer => text.trim().parse::<i64>().ok().map(Value::from),
        Numeric::Float => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Numeric::Text => None,
    };
    number.unwrap_or_else(|| Value::String(text.to_string()))
}

/// Credentials of the wire's further schemes: a Bearer token (a static
/// credential, or a session token standing for the credential the session
/// replaces) and API keys in headers or the query, whose query parameters
/// are then removed from `query`.
fn scheme_credentials(
    api: &Api,
    request: &RawRequest,
    query: &mut Vec<(String, String)>,
    credentials: &mut Vec<(String, String)>,
) {
    let bearer = request
        .header("authorization")
        .and_then(|h| h.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_string());
    for scheme in &api.wire.auth_schemes {
        match scheme {
            AuthScheme::Bearer(credential) => {
                if let Some(token) = &bearer {
                    credentials.push((credential.clone(), token.clone()));
                }
            }
            AuthScheme::BearerSession => {
                if let (Some(token), Some(session)) = (&bearer, &api.wire.session) {
                    credentials.push((session.replaces.clone(), token.clone()));
                }
            }
            AuthScheme::ApiKeyHeader { name, credential } => {
                if let Some(value) = request.header(name) {
                    credentials.push((credential.clone(), value.to_string()));
                }
            }
            AuthScheme::ApiKeyQuery { name, credential } => {
                if let Some(value) = value_of(query, name) {
                    credentials.push((credential.clone(), value));
                }
                query.retain(|(k, _)| k != name);
            }
        }
    }
}

pub(crate) fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// The value of `name`, exact or ignoring ASCII case.
pub(crate) fn value_of(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .or_else(|| pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(_, v)| v.clone())
}

/// User and password of an `Authorization: Basic …` header.
pub fn basic_auth(request: &RawRequest) -> Option<(String, String)> {
    let header = request.header("authorization")?;
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}
