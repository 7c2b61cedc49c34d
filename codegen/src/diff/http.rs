//! The HTTP shape around the bodies: an API's named servers and what its
//! HTTP statuses mean, a method's own HTTP method, path and parameter
//! places, and the returned fields read from response headers. All of them
//! are data in generated descriptors, so a change never breaks compiling
//! against the crate, but an old client sends or reads the old way.

use super::api::{Cx, pair};
use super::{Direction, Findings, Location};
use crate::spec::binding::ParamIn;
use crate::spec::model::{ApiMeta, HttpMethod, Method};
use crate::spec::responses::StatusMeaning;

/// Servers added, removed or moved, and the status table.
pub fn compare_api(cx: &Cx<'_, '_>, old: &ApiMeta, new: &ApiMeta, out: &mut Findings) {
    let servers = pair(old.servers.iter(), new.servers.iter());
    for (name, url) in &servers.removed {
        out.push(
            "server-removed",
            Direction::Both,
            Some(cx.old_at(name)),
            None,
            format!(
                "API `{}`: server `{}` ({}) was removed",
                cx.api, name.value, url.value
            ),
        );
    }
    for (name, url) in &servers.added {
        out.push(
            "server-added",
            Direction::Both,
            None,
            Some(cx.new_at(name)),
            format!(
                "API `{}`: server `{}` ({}) was added",
                cx.api, name.value, url.value
            ),
        );
    }
    for ((old_name, a), (new_name, b)) in servers.both {
        if a.value != b.value {
            out.push(
                "server-url-changed",
                Direction::Both,
                Some(cx.old_at(old_name)),
                Some(cx.new_at(new_name)),
                format!(
                    "API `{}`: server `{}` moved from `{}` to `{}`",
                    cx.api, old_name.value, a.value, b.value
                ),
            );
        }
    }
    let (was, is) = (statuses(old), statuses(new));
    if was != is {
        out.push(
            "status-rule-changed",
            Direction::Response,
            Some(cx.old_at(&old.name)),
            Some(cx.new_at(&new.name)),
            format!(
                "API `{}`: HTTP statuses meant {}, now {}",
                cx.api,
                shown(&was),
                shown(&is)
            ),
        );
    }
}

/// A method's binding (HTTP method, path, each parameter's place) and the
/// returned fields it reads from headers.
pub fn compare_method(
    what: &str,
    old: &Method,
    new: &Method,
    at: &(Location, Location),
    out: &mut Findings,
) {
    let (was, is) = (binding(old), binding(new));
    if was != is {
        out.push(
            "method-binding-changed",
            Direction::Request,
            Some(at.0.clone()),
            Some(at.1.clone()),
            format!("{what} was sent as {}, now as {}", shown(&was), shown(&is)),
        );
    }
    let (was, is) = (headers(old), headers(new));
    if was != is {
        out.push(
            "response-header-changed",
            Direction::Response,
            Some(at.0.clone()),
            Some(at.1.clone()),
            format!(
                "{what} read {} from headers, now {}",
                shown(&was),
                shown(&is)
            ),
        );
    }
}

fn shown(parts: &[String]) -> String {
    if parts.is_empty() {
        "nothing of its own".to_string()
    } else {
        parts.join(", ")
    }
}

fn statuses(api: &ApiMeta) -> Vec<String> {
    let mut rules: Vec<String> = api
        .wire
        .statuses
        .iter()
        .map(|(status, meaning)| match meaning {
            StatusMeaning::Success => format!("{} success", status.value),
            StatusMeaning::Error(class) => format!("{} error {}", status.value, class.value),
        })
        .collect();
    rules.sort();
    rules
}

fn binding(method: &Method) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(http) = &method.http {
        if let Some(verb) = &http.value.method {
            parts.push(
                match verb.value {
                    HttpMethod::Get => "GET",
                    HttpMethod::Post => "POST",
                    HttpMethod::Put => "PUT",
                    HttpMethod::Patch => "PATCH",
                    HttpMethod::Delete => "DELETE",
                }
                .to_string(),
            );
        }
        if let Some(path) = &http.value.path {
            parts.push(format!("path `{}`", path.value));
        }
    }
    let mut places: Vec<String> = method
        .params
        .iter()
        .filter_map(|(name, param)| {
            let place = match &param.place.as_ref()?.value {
                ParamIn::Path => "path".to_string(),
                ParamIn::Query => "query".to_string(),
                ParamIn::Header(header) => format!("header `{}`", header.value),
                ParamIn::Form => "form".to_string(),
                ParamIn::Json => "json".to_string(),
                ParamIn::Body => "body".to_string(),
            };
            Some(format!("`{}` in {place}", name.value))
        })
        .collect();
    places.sort();
    parts.extend(places);
    parts
}

fn headers(method: &Method) -> Vec<String> {
    let mut parts: Vec<String> = method
        .returns
        .iter()
        .filter_map(|(name, field)| {
            let header = field.header.as_ref()?;
            Some(format!("`{}` from `{}`", name.value, header.value))
        })
        .collect();
    parts.sort();
    parts
}
