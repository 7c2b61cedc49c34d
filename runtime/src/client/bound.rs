//! Encoding a call of a method with its own [`MethodBinding`]: the path
//! template filled in, each parameter sent where it is bound, the rest where
//! the API's wire puts parameters.

use reqwest::header::{HeaderName, HeaderValue};
use serde_json::{Map, Value};

use super::Client;
use super::request::flatten;
use super::split::split;
use crate::binding::{self, MethodBinding};
use crate::error::EncodeError;
use crate::secret::Secret;
use crate::wire::{HttpMethod, MethodDescriptor, MethodName, ParamEncoding};

/// A bound call ready to be built: everything that can fail is done.
pub(super) struct Bound {
    http_method: HttpMethod,
    /// The URL's whole path: the base URL's, then the filled-in path
    /// template, percent-encoded, if the method has one.
    path: Option<String>,
    query: Vec<(String, String)>,
    form: Option<Vec<(String, String)>>,
    json: Option<Vec<u8>>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Client {
    /// Sorts `request`'s members by `binding` and encodes each place,
    /// credential parameters joining the API's default place.
    pub(super) fn encode_bound<T: serde::Serialize + ?Sized>(
        &self,
        method: &MethodDescriptor,
        binding: &MethodBinding,
        request: &T,
        token: Option<&Secret>,
    ) -> Result<Bound, EncodeError> {
        let wire = &self.inner.api.wire;
        let http_method = binding.http_method.unwrap_or(wire.http_method);
        let mut split = split(binding, request)?;
        let path = match binding.path {
            Some(template) => {
                let base = self.inner.base.path().trim_end_matches('/');
                let mut path = String::with_capacity(base.len() + template.len() + 16);
                path.push_str(base);
                binding::expand_path_onto(template, &split.path, &mut path)?;
                Some(path)
            }
            None => None,
        };
        let has_body = http_method != HttpMethod::Get;
        // Unbound members and credential parameters go where the API puts
        // parameters; a GET has no body, so there they join the query.
        let mut defaults = Map::new();
        for c in wire.credential_params {
            let value = self.credential(c.credential, token).to_owned();
            defaults.insert(c.wire_name.to_owned(), Value::String(value));
        }
        defaults.append(&mut split.unbound);
        let default_place = match wire.params {
            _ if !has_body => &mut split.query,
            ParamEncoding::Json { .. } => &mut split.json,
            ParamEncoding::Query => &mut split.query,
            ParamEncoding::Form => &mut split.form,
        };
        for (key, value) in defaults {
            // A bound member of the same name was set by the caller on
            // purpose; a credential parameter wins over an unbound one.
            default_place.entry(key).or_insert(value);
        }

        let mut query = Vec::new();
        let mut form = Vec::new();
        match wire.method_name {
            MethodName::Path => {}
            MethodName::Query(name) => query.push((name.to_owned(), method.wire_name.to_owned())),
            MethodName::Form(name) if has_body => {
                form.push((name.to_owned(), method.wire_name.to_owned()))
            }
            MethodName::Form(name) => query.push((name.to_owned(), method.wire_name.to_owned())),
        }
        for (key, value) in &split.query {
            flatten(key, value, &mut query);
        }
        for (key, value) in &split.form {
            flatten(key, value, &mut form);
        }
        let json_default = matches!(wire.params, ParamEncoding::Json { .. }) && has_body;
        let json = match split.body {
            Some(body) => Some(to_json(&body)?),
            None if json_default || !split.json.is_empty() => {
                let members = Value::Object(split.json);
                let body = match wire.params.envelope() {
                    Some(envelope) => {
                        let mut outer = Map::with_capacity(1);
                        outer.insert(envelope.to_owned(), members);
                        Value::Object(outer)
                    }
                    None => members,
                };
                Some(to_json(&body)?)
            }
            None => None,
        };
        let form =
            (!form.is_empty() || (wire.params == ParamEncoding::Form && has_body)).then_some(form);
        let headers = split
            .headers
            .into_iter()
            .map(|(name, value, sensitive)| header(name, &value, sensitive))
            .collect::<Result<_, _>>()?;
        Ok(Bound {
            http_method,
            path,
            query,
            form,
            json,
            headers,
        })
    }

    /// The request of a bound call, without authentication.
    pub(super) fn build_bound(
        &self,
        method: &MethodDescriptor,
        bound: Bound,
    ) -> reqwest::RequestBuilder {
        let mut url = self.inner.base.clone();
        match &bound.path {
            Some(path) => url.set_path(path),
            None => self.append_method_path(&mut url, method),
        }
        let mut builder = self
            .inner
            .http
            .request(reqwest_method(bound.http_method), url);
        for (name, value) in bound.headers {
            builder = builder.header(name, value);
        }
        if !bound.query.is_empty() {
            builder = builder.query(&bound.query);
        }
        if let Some(body) = bound.json {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        } else if let Some(form) = bound.form {
            builder = builder.form(&form);
        }
        builder
    }
}

/// `value` as a header, marked sensitive where it is a secret. A value a
/// header cannot hold (a line break, a control character) is refused
/// without being shown.
fn header(
    name: &str,
    value: &str,
    sensitive: bool,
) -> Result<(HeaderName, HeaderValue), EncodeError> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| EncodeError {
        message: format!("`{}` is not a valid header name", name.escape_debug()),
    })?;
    let mut value = HeaderValue::from_str(value).map_err(|_| EncodeError {
        message: format!("the value for the header `{name}` holds characters a header cannot"),
    })?;
    value.set_sensitive(sensitive);
    Ok((name, value))
}

fn to_json(value: &Value) -> Result<Vec<u8>, EncodeError> {
    serde_json::to_vec(value).map_err(|e| EncodeError {
        message: format!("the request could not be serialized: {e}"),
    })
}

pub(super) fn reqwest_method(method: HttpMethod) -> reqwest::Method {
    match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Put => reqwest::Method::PUT,
        HttpMethod::Patch => reqwest::Method::PATCH,
        HttpMethod::Delete => reqwest::Method::DELETE,
    }
}
