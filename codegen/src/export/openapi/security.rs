//! The API's credentials as security schemes, where OpenAPI can place
//! them (credential parameters sent in a body are body fields instead; see
//! `request`).

use serde_json::{Map, Value, json};

use super::request::credentials_in_body;
use crate::export::markdown;
use crate::ir::Api;

/// HTTP Basic, and the credential parameters sent in the query string,
/// as security schemes (all required together); a token session is
/// described on the Basic scheme whose password it replaces.
pub(super) fn security_schemes(api: &Api) -> Map<String, Value> {
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
            let doc = &credential.doc;
            let credential = &credential.name;
            // Rust names are ASCII identifiers: a valid component key.
            schemes.insert(
                format!("credential.{}", rust_name_of(api, credential)),
                json!({
                    "type": "apiKey",
                    "in": "query",
                    "name": wire_name,
                    "description": markdown(doc),
                    "x-hostapi-credential": credential,
                }),
            );
        }
    }
    schemes
}

fn rust_name_of<'a>(api: &'a Api, credential: &str) -> &'a str {
    api.credentials
        .iter()
        .find(|c| c.name == credential)
        .map_or("", |c| c.rust_name.as_str())
}
