//! The wire: HTTP method, where the method name and parameters go, the
//! envelope, the response format, the error rule, auth, credentials, the
//! token session and the base URL.

use super::api::{Cx, pair};
use super::{Direction, Findings};
use crate::spec::binding::{ApiKeyIn, BearerAuth};
use crate::spec::model::{ApiMeta, Auth, ErrorRule, MethodName, ParamEncoding, Session};
use crate::spec::span::Sp;

/// The wire: method, where the name and parameters go, envelope, response
/// format, error rule, auth, credentials, session and base URL.
pub fn compare(cx: &Cx<'_, '_>, old: &ApiMeta, new: &ApiMeta, out: &mut Findings) {
    let at = || Some((cx.old_at(&old.name), cx.new_at(&new.name)));
    let mut changed = |id: &'static str, what: String| {
        let (o, n) = at().unzip();
        out.push(
            id,
            Direction::Both,
            o,
            n,
            format!("API `{}`: {what}", cx.api),
        );
    };
    let (ow, nw) = (&old.wire, &new.wire);
    if ow.http_method != nw.http_method {
        changed(
            "http-method-changed",
            format!(
                "HTTP method {:?} is now {:?}",
                ow.http_method, nw.http_method
            ),
        );
    }
    if method_name(&ow.method_name) != method_name(&nw.method_name) {
        changed(
            "method-name-location-changed",
            format!(
                "the method name went in {}, now in {}",
                method_name(&ow.method_name),
                method_name(&nw.method_name)
            ),
        );
    }
    match (&ow.params, &nw.params) {
        (ParamEncoding::Json { envelope: a }, ParamEncoding::Json { envelope: b }) if a != b => {
            changed(
                "envelope-changed",
                format!("JSON envelope {a:?} is now {b:?}"),
            );
        }
        (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
            changed(
                "param-encoding-changed",
                format!("parameters were sent as {a:?}, now as {b:?}"),
            );
        }
        _ => {}
    }
    if ow.response != nw.response {
        changed(
            "response-format-changed",
            format!("responses were {:?}, now {:?}", ow.response, nw.response),
        );
    }
    if error_rule(&ow.error) != error_rule(&nw.error) {
        changed(
            "error-rule-changed",
            format!(
                "errors were recognised by {}, now by {}",
                error_rule(&ow.error),
                error_rule(&nw.error)
            ),
        );
    }
    if auth(&ow.auth) != auth(&nw.auth) {
        changed(
            "auth-changed",
            format!(
                "credentials went as {}, now as {}",
                auth(&ow.auth),
                auth(&nw.auth)
            ),
        );
    }
    if ow.auth.session.as_ref().map(session) != nw.auth.session.as_ref().map(session) {
        changed("session-changed", "the token session changed".to_string());
    }
    // The default server: where calls go unless the caller picks another.
    if let (Some(old_url), Some(new_url)) = (old.default_base_url(), new.default_base_url())
        && old_url.value != new_url.value
    {
        out.push(
            "base-url-changed",
            Direction::Both,
            Some(cx.old_at(old_url)),
            Some(cx.new_at(new_url)),
            format!(
                "API `{}`: base URL `{}` is now `{}`",
                cx.api, old_url.value, new_url.value
            ),
        );
    }
    let credentials = pair(old.credentials.iter(), new.credentials.iter());
    for (key, _) in &credentials.removed {
        let message = format!("API `{}`: credential `{}` was removed", cx.api, key.value);
        out.push(
            "credential-removed",
            Direction::Request,
            Some(cx.old_at(key)),
            None,
            message,
        );
    }
    for (key, _) in &credentials.added {
        let message = format!("API `{}`: credential `{}` was added", cx.api, key.value);
        out.push(
            "credential-added",
            Direction::Request,
            None,
            Some(cx.new_at(key)),
            message,
        );
    }
    for ((old_key, a), (new_key, b)) in credentials.both {
        if a.secret != b.secret {
            let id = if b.secret {
                "secret-added"
            } else {
                "secret-removed"
            };
            let message = format!(
                "API `{}`: credential `{}` secret: {} → {}",
                cx.api, old_key.value, a.secret, b.secret
            );
            out.push(
                id,
                Direction::Request,
                Some(cx.old_at(old_key)),
                Some(cx.new_at(new_key)),
                message,
            );
        }
    }
}

fn method_name(name: &MethodName) -> String {
    match name {
        MethodName::Path => "the path".to_string(),
        MethodName::Query(key) => format!("query `{}`", key.value),
        MethodName::Form(key) => format!("form field `{}`", key.value),
    }
}

fn error_rule(rule: &ErrorRule) -> String {
    let value = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
    match rule {
        ErrorRule::FieldPresent {
            field,
            message,
            class_prefix,
        } => format!(
            "field_present {{field: {:?}, message: {:?}, class_prefix: {class_prefix:?}}}",
            field.value,
            value(message)
        ),
        ErrorRule::FieldEquals {
            field,
            value: v,
            message,
        } => format!(
            "field_equals {{field: {:?}, value: {v:?}, message: {:?}}}",
            field.value, message.value
        ),
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => format!(
            "count_above {{field: {:?}, message_prefix: {message_prefix:?}, number_prefix: {number_prefix:?}, text_prefix: {text_prefix:?}}}",
            field.value
        ),
    }
}

fn auth(auth: &Auth) -> String {
    let basic = auth
        .basic
        .as_ref()
        .map(|b| format!("basic ({}, {})", b.username.value, b.password.value));
    let params: Vec<String> = auth
        .params
        .iter()
        .map(|(k, v)| format!("{}={}", k.value, v.value))
        .collect();
    let mut schemes: Vec<String> = basic.into_iter().collect();
    if !params.is_empty() {
        schemes.push(format!("params [{}]", params.join(", ")));
    }
    if let Some(bearer) = &auth.bearer {
        schemes.push(match &bearer.value {
            BearerAuth::Credential(name) => format!("bearer ({})", name.value),
            BearerAuth::Session => "bearer (the session's token)".to_string(),
        });
    }
    for key in &auth.api_keys {
        let place = match key.place.value {
            ApiKeyIn::Header => "header",
            ApiKeyIn::Query => "query",
        };
        schemes.push(format!(
            "API key {} in {place} `{}`",
            key.credential.value, key.name.value
        ));
    }
    if schemes.is_empty() {
        "nothing".to_string()
    } else {
        schemes.join(" and ")
    }
}

fn session(s: &Session) -> Vec<String> {
    let value = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    vec![
        s.method.value.clone(),
        s.replaces.value.clone(),
        s.token.value.clone(),
        value(&s.expires),
        value(&s.timeout_param),
        s.idle_timeout.value.to_string(),
        s.max_idle_timeout.value.to_string(),
        s.max_lifetime.value.to_string(),
    ]
}
