//! The API's credentials as security schemes, where OpenAPI can place
//! them (credential parameters sent in a body are body fields instead; see
//! `request`), and the requirements that combine them.

use serde_json::{Map, Value, json};

use super::request::credentials_in_body;
use crate::export::markdown;
use crate::ir::{Api, AuthScheme};

/// The key of the scheme a session's Bearer token travels under.
const SESSION_BEARER: &str = "bearer.session";

/// HTTP Basic, Bearer tokens, API keys and the credential parameters sent
/// in the query string as security schemes, and the security requirements:
/// every scheme together, and where a session's Bearer token stands in for
/// HTTP Basic, a second requirement with the token in Basic's place. A
/// token session is described on the Basic scheme whose password it
/// replaces.
pub(super) fn security_schemes(api: &Api) -> (Map<String, Value>, Vec<Value>) {
    let mut schemes = Map::new();
    if let Some((username, password)) = &api.wire.basic_auth {
        let mut basic = Map::new();
        basic.insert("type".into(), "http".into());
        basic.insert("scheme".into(), "basic".into());
        basic.insert(
            "description".into(),
            markdown(&format!(
                "User name: the `{username}` credential. Password: the `{password}` credential."
            ))
            .into(),
        );
        if let Some(session) = &api.wire.session {
            basic.insert(
                "x-hostapi-session".into(),
                json!({
                    "method": session.method_wire_name,
                    "replaces": session.replaces,
                    "token": session.token_field,
                    "expires": session.expires_field,
                    "timeout_param": session.timeout_param,
                    "idle_timeout": session.idle_timeout,
                    "max_idle_timeout": session.max_idle_timeout,
                    "max_lifetime": session.max_lifetime,
                }),
            );
        }
        schemes.insert("basic".into(), Value::Object(basic));
    }
    if !credentials_in_body(api) {
        for (wire_name, name) in &api.wire.credential_params {
            let Some(credential) = api.credentials.iter().find(|c| &c.name == name) else {
                continue;
            };
            schemes.insert(
                credential_key(api, &credential.name),
                api_key("query", wire_name, api, &credential.name),
            );
        }
    }
    let mut session_bearer = false;
    for scheme in &api.wire.auth_schemes {
        match scheme {
            AuthScheme::Bearer(credential) => {
                schemes.insert(
                    format!("bearer.{}", rust_name_of(api, credential)),
                    json!({
                        "type": "http",
                        "scheme": "bearer",
                        "description": markdown(&format!("The `{credential}` credential.")),
                        "x-hostapi-credential": credential,
                    }),
                );
            }
            AuthScheme::BearerSession => session_bearer = true,
            AuthScheme::ApiKeyHeader { name, credential } => {
                schemes.insert(
                    format!("api_key.{}", rust_name_of(api, credential)),
                    api_key("header", name, api, credential),
                );
            }
            AuthScheme::ApiKeyQuery { name, credential } => {
                schemes.insert(
                    format!("api_key.{}", rust_name_of(api, credential)),
                    api_key("query", name, api, credential),
                );
            }
        }
    }
    let all: Map<String, Value> = schemes.keys().map(|k| (k.clone(), json!([]))).collect();
    let mut requirements = Vec::new();
    if !all.is_empty() {
        requirements.push(Value::Object(all.clone()));
    }
    if session_bearer && let Some(session) = &api.wire.session {
        // Built in order (a removal would reorder the keys).
        let mut with_token: Map<String, Value> =
            all.into_iter().filter(|(key, _)| key != "basic").collect();
        with_token.insert(SESSION_BEARER.into(), json!([]));
        requirements.push(Value::Object(with_token));
        schemes.insert(
            SESSION_BEARER.into(),
            json!({
                "type": "http",
                "scheme": "bearer",
                "description": markdown(&format!(
                    "The token `{}` returns, in place of HTTP Basic once a token is held.",
                    session.method_wire_name
                )),
            }),
        );
    }
    (schemes, requirements)
}

/// An `apiKey` scheme for `credential`, sent in `place` under `name`.
fn api_key(place: &str, name: &str, api: &Api, credential: &str) -> Value {
    let doc = api
        .credentials
        .iter()
        .find(|c| c.name == credential)
        .map_or("", |c| c.doc.as_str());
    json!({
        "type": "apiKey",
        "in": place,
        "name": name,
        "description": markdown(doc),
        "x-hostapi-credential": credential,
    })
}

/// Rust names are ASCII identifiers: a valid component key.
fn credential_key(api: &Api, credential: &str) -> String {
    format!("credential.{}", rust_name_of(api, credential))
}

fn rust_name_of<'a>(api: &'a Api, credential: &str) -> &'a str {
    api.credentials
        .iter()
        .find(|c| c.name == credential)
        .map_or("", |c| c.rust_name.as_str())
}
