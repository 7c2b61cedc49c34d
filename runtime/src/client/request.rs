//! Encoding a call as an HTTP request: the URL (a path-style method name's
//! segments), the method name and parameters as a JSON body, query string
//! or form, the credential parameters, basic auth and the `Accept` header.

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Client;
use super::bound::{Bound, reqwest_method};
use super::json_body::JsonBody;
use crate::error::EncodeError;
use crate::secret::Secret;
use crate::wire::{
    AuthScheme, HttpMethod, MethodDescriptor, MethodName, ParamEncoding, ResponseFormat,
};

/// The `/`-separated segments of a path-style method name, each of which is
/// percent-encoded into the URL's path. Empty, `.` and `..` segments are
/// refused: URL parsers drop or resolve them, so they would send the call
/// to another path.
pub(super) fn path_segments(wire_name: &str) -> Result<std::str::Split<'_, char>, EncodeError> {
    let name = wire_name.trim_start_matches('/');
    if name.split('/').any(|s| matches!(s, "" | "." | "..")) {
        return Err(EncodeError {
            message: format!(
                "the method name `{}` has an empty, `.` or `..` path segment",
                name.escape_debug()
            ),
        });
    }
    Ok(name.split('/'))
}

/// A request's parameters encoded for the API's wire.
pub(super) enum Encoded {
    /// The whole JSON body, credential parameters included.
    Json(Vec<u8>),
    /// The parameters as an object, for the query string or form, which
    /// the credentials join when the request is built.
    Pairs(Map<String, Value>),
    /// A method with its own binding, encoded per place.
    Bound(Bound),
}

impl Client {
    /// Encodes `request`'s parameters, with `token` in place of the
    /// credential a token session replaces.
    pub(super) fn encode<T: Serialize + ?Sized>(
        &self,
        method: &MethodDescriptor,
        request: &T,
        token: Option<&Secret>,
    ) -> Result<Encoded, EncodeError> {
        let wire = &self.inner.api.wire;
        if let Some(binding) = method.binding {
            return self
                .encode_bound(method, binding, request, token)
                .map(Encoded::Bound);
        }
        match wire.params {
            ParamEncoding::Json { envelope } => {
                // Allocates only for APIs with credential parameters.
                let credentials: Vec<_> = wire
                    .credential_params
                    .iter()
                    .map(|c| (c.wire_name, self.credential(c.credential, token)))
                    .collect();
                JsonBody {
                    envelope,
                    credentials: &credentials,
                    request,
                }
                .encode()
                .map(Encoded::Json)
            }
            ParamEncoding::Query | ParamEncoding::Form => to_object(request).map(Encoded::Pairs),
        }
    }

    /// The request of `encoded`, authenticated (see
    /// [`finish_request`](Self::finish_request)).
    pub(super) fn build_request(
        &self,
        method: &MethodDescriptor,
        encoded: Encoded,
        token: Option<&Secret>,
    ) -> reqwest::Result<reqwest::Request> {
        let builder = match encoded {
            Encoded::Bound(bound) => self.build_bound(method, bound),
            Encoded::Json(body) => self
                .unbound_request(method, Vec::new(), Vec::new())
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body),
            Encoded::Pairs(params) => {
                let mut pairs = Vec::new();
                for c in self.inner.api.wire.credential_params {
                    pairs.push((
                        c.wire_name.to_owned(),
                        self.credential(c.credential, token).to_owned(),
                    ));
                }
                for (k, v) in &params {
                    flatten(k, v, &mut pairs);
                }
                if self.form_body() {
                    self.unbound_request(method, Vec::new(), pairs)
                } else {
                    self.unbound_request(method, pairs, Vec::new())
                }
            }
        };
        self.finish_request(builder, token)
    }

    /// Whether parameters travel in a form body: a form API's calls other
    /// than GET.
    fn form_body(&self) -> bool {
        let wire = &self.inner.api.wire;
        wire.http_method != HttpMethod::Get && wire.params == ParamEncoding::Form
    }

    /// The request of a method without a binding: the API's HTTP method, the
    /// method name where the wire puts it, then `query` and `form` pairs.
    fn unbound_request(
        &self,
        method: &MethodDescriptor,
        query: Vec<(String, String)>,
        form: Vec<(String, String)>,
    ) -> reqwest::RequestBuilder {
        let wire = &self.inner.api.wire;
        let mut url = self.inner.base.clone();
        self.append_method_path(&mut url, method);
        let mut builder = self
            .inner
            .http
            .request(reqwest_method(wire.http_method), url);
        let form_body = self.form_body();
        let mut url_pairs: Vec<(String, String)> = Vec::new();
        let mut body_pairs: Vec<(String, String)> = Vec::new();
        match wire.method_name {
            MethodName::Path => {}
            MethodName::Query(name) => {
                url_pairs.push((name.to_owned(), method.wire_name.to_owned()))
            }
            MethodName::Form(name) => {
                let target = if form_body {
                    &mut body_pairs
                } else {
                    &mut url_pairs
                };
                target.push((name.to_owned(), method.wire_name.to_owned()));
            }
        }
        url_pairs.extend(query);
        body_pairs.extend(form);
        if !url_pairs.is_empty() {
            builder = builder.query(&url_pairs);
        }
        if form_body {
            builder = builder.form(&body_pairs);
        }
        builder
    }

    /// Appends a path-style method name's segments to `url`.
    pub(super) fn append_method_path(&self, url: &mut reqwest::Url, method: &MethodDescriptor) {
        if self.inner.api.wire.method_name == MethodName::Path
            && let Ok(segments) = path_segments(method.wire_name)
            && let Ok(mut path) = url.path_segments_mut()
        {
            // Each segment is percent-encoded, so `?`, `#`, `%` and spaces
            // in a name stay inside it.
            path.pop_if_empty().extend(segments);
        }
    }

    /// Builds `builder`'s request with the API's credentials that travel
    /// outside the parameters (basic auth, bearer tokens, API keys) and
    /// `Accept`. Every header holding a secret is marked sensitive. The
    /// headers prepared with the client go straight into the built request:
    /// each builder step moves the whole builder, and these are on every
    /// call.
    pub(super) fn finish_request(
        &self,
        builder: reqwest::RequestBuilder,
        token: Option<&Secret>,
    ) -> reqwest::Result<reqwest::Request> {
        let wire = &self.inner.api.wire;
        let mut request = self.authenticate(builder, token).build()?;
        let headers = request.headers_mut();
        for (scheme, prepared) in wire.auth_schemes.iter().zip(&self.inner.auth_headers) {
            if let Some((name, value)) = self.prepared_header(scheme, prepared, token) {
                headers.append(name.clone(), value.clone());
            }
        }
        if wire.response == ResponseFormat::Json {
            headers.append(
                reqwest::header::ACCEPT,
                reqwest::header::HeaderValue::from_static("application/json"),
            );
        }
        Ok(request)
    }

    /// The header prepared with the client for `scheme`, unless this call's
    /// token replaces its credential.
    fn prepared_header<'a>(
        &self,
        scheme: &AuthScheme,
        prepared: &'a Option<(HeaderName, HeaderValue)>,
        token: Option<&Secret>,
    ) -> Option<&'a (HeaderName, HeaderValue)> {
        let credential = match *scheme {
            AuthScheme::Bearer { credential } | AuthScheme::ApiKeyHeader { credential, .. } => {
                credential
            }
            _ => return None,
        };
        prepared
            .as_ref()
            .filter(|_| !self.replaced_by_token(credential, token))
    }

    /// The credentials a builder has to add: basic auth, bearer tokens and
    /// API keys that were not prepared with the client.
    fn authenticate(
        &self,
        mut builder: reqwest::RequestBuilder,
        token: Option<&Secret>,
    ) -> reqwest::RequestBuilder {
        let wire = &self.inner.api.wire;
        let session_bearer =
            token.is_some() && wire.auth_schemes.contains(&AuthScheme::BearerSession);
        if let Some(auth) = wire.basic_auth
            && !session_bearer
        {
            builder = builder.basic_auth(
                self.credential(auth.username, token),
                Some(self.credential(auth.password, token)),
            );
        }
        for (scheme, prepared) in wire.auth_schemes.iter().zip(&self.inner.auth_headers) {
            if self.prepared_header(scheme, prepared, token).is_some() {
                continue;
            }
            builder = match *scheme {
                AuthScheme::Bearer { credential } => {
                    builder.bearer_auth(self.credential(credential, token))
                }
                AuthScheme::BearerSession => match token {
                    Some(token) => builder.bearer_auth(token.expose()),
                    None => builder,
                },
                AuthScheme::ApiKeyHeader { name, credential } => {
                    let mut value = HeaderValue::from_str(self.credential(credential, token))
                        .unwrap_or_else(|_| HeaderValue::from_static(""));
                    value.set_sensitive(true);
                    builder.header(name, value)
                }
                AuthScheme::ApiKeyQuery { name, credential } => {
                    builder.query(&[(name, self.credential(credential, token))])
                }
            };
        }
        builder
    }
}

/// Serializes the request to a JSON object (`null`, e.g. from `()`, is an
/// empty one).
pub(super) fn to_object<T: Serialize + ?Sized>(
    request: &T,
) -> Result<Map<String, Value>, EncodeError> {
    match serde_json::to_value(request) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(other) => Err(EncodeError {
            message: format!(
                "the request must serialize to a JSON object, not {}",
                crate::decode::json_kind(&other)
            ),
        }),
        Err(e) => Err(EncodeError {
            message: format!("the request could not be serialized: {e}"),
        }),
    }
}

/// Flattens a value into form/query pairs: strings as they are, numbers via
/// `to_string`, booleans as `1`/`0`, arrays of scalars as the key repeated
/// once per element, nested objects as `key[sub]` (PHP style), and objects or
/// arrays inside arrays as `key[index]…`. Nulls are skipped.
pub(super) fn flatten(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((key.to_owned(), if *b { "1" } else { "0" }.to_owned())),
        Value::Number(n) => out.push((key.to_owned(), n.to_string())),
        Value::String(s) => out.push((key.to_owned(), s.clone())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binding::{MethodBinding, ParamBinding, ParamPlace};
    use crate::client::{ClientConfig, Credentials};
    use crate::wire::{ApiDescriptor, ErrorRule, Wire};
    use serde_json::json;

    #[test]
    fn flattening() {
        let v = json!({
            "s": "a b", "n": 3, "f": 1.5, "t": true, "no": false, "null": null,
            "list": ["x", 2], "obj": {"k": "v", "inner": {"z": 1}}, "objs": [{"a": 1}]
        });
        let mut out = Vec::new();
        for (k, v) in v.as_object().unwrap() {
            flatten(k, v, &mut out);
        }
        let got: Vec<(&str, &str)> = out.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut expected = vec![
            ("s", "a b"),
            ("n", "3"),
            ("f", "1.5"),
            ("t", "1"),
            ("no", "0"),
            ("list", "x"),
            ("list", "2"),
            ("obj[k]", "v"),
            ("obj[inner][z]", "1"),
            ("objs[0][a]", "1"),
        ];
        // serde_json keeps field order with its `preserve_order` feature
        // (enabled in this workspace), else sorts keys.
        let mut probe = Map::new();
        probe.insert("b".into(), Value::Null);
        probe.insert("a".into(), Value::Null);
        if probe.keys().next().map(String::as_str) == Some("a") {
            expected.sort_by_key(|(k, _)| *k);
        }
        assert_eq!(got, expected);
    }

    static KEYED: ApiDescriptor = ApiDescriptor {
        name: "keyed",
        title: "Keyed",
        default_base_url: "https://api.example.test/v1/",
        wire: Wire {
            http_method: HttpMethod::Get,
            method_name: MethodName::Path,
            params: ParamEncoding::Query,
            basic_auth: None,
            credential_params: &[],
            auth_schemes: &[
                AuthScheme::Bearer {
                    credential: "token",
                },
                AuthScheme::ApiKeyHeader {
                    name: "X-Api-Key",
                    credential: "key",
                },
            ],
            response: ResponseFormat::Json,
            error: ErrorRule::FieldPresent {
                field: "error",
                message: None,
            },
        },
        session: None,
        statuses: &[],
        servers: &[],
    };

    static DETAILS: MethodDescriptor = MethodDescriptor {
        section: "Domains",
        name: "details",
        wire_name: "Domains/details",
        idempotent: true,
        returns_secrets: false,
        series: &[],
        binding: Some(&MethodBinding {
            http_method: None,
            path: Some("/domains/{domain}"),
            params: &[ParamBinding {
                name: "domain",
                place: ParamPlace::Path,
            }],
        }),
        headers: &[],
        text_body: None,
    };

    #[test]
    fn prepared_auth_headers_are_sent_sensitive_on_every_call() {
        let client = Client::new(
            &KEYED,
            Credentials::new()
                .with("token", "tok-s3cret")
                .with("key", "key-s3cret"),
            ClientConfig::default(),
        )
        .unwrap();
        for _ in 0..2 {
            let encoded = client
                .encode(&DETAILS, &json!({"domain": "a/b"}), None)
                .unwrap();
            let request = client.build_request(&DETAILS, encoded, None).unwrap();
            assert_eq!(
                request.url().as_str(),
                "https://api.example.test/v1/domains/a%2Fb"
            );
            let headers = request.headers();
            let bearer = &headers[reqwest::header::AUTHORIZATION];
            assert_eq!(bearer, "Bearer tok-s3cret");
            assert!(bearer.is_sensitive());
            let key = &headers["X-Api-Key"];
            assert_eq!(key, "key-s3cret");
            assert!(key.is_sensitive());
            assert!(!format!("{request:?}").contains("s3cret"));
        }
    }

    #[test]
    fn a_credential_a_header_cannot_hold_is_refused_when_the_client_is_built() {
        let built = Client::new(
            &KEYED,
            Credentials::new()
                .with("token", "tok\r\nX-Evil: 1")
                .with("key", "k"),
            ClientConfig::default(),
        );
        assert!(matches!(
            built,
            Err(super::super::BuildError::InvalidCredential { name: "token", .. })
        ));
    }

    #[test]
    fn request_must_be_an_object() {
        assert!(to_object(&()).unwrap().is_empty());
        assert!(to_object(&json!({"a": 1})).is_ok());
        let e = to_object(&"text").unwrap_err();
        assert_eq!(
            e.message,
            "the request must serialize to a JSON object, not a string"
        );
    }
}
