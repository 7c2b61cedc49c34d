//! Checking HTTP bindings: the authentication schemes of a wire, and a
//! method's own HTTP method, path template and parameter places. Every
//! problem is a located error; a binding with one is not lowered.

use super::*;
use crate::spec::binding::{ApiKeyIn, BearerAuth, ParamIn};

/// Header names the API's own authentication sets.
const AUTHORIZATION: &str = "authorization";

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// `wire.auth.bearer` and `wire.auth.api_keys`, checked against the
    /// credentials, the session and each other.
    pub(super) fn auth_schemes(&mut self, meta: &'a model::ApiMeta) -> Vec<AuthScheme> {
        let auth = &meta.wire.auth;
        let mut out = Vec::new();
        match auth.bearer.as_ref().map(|b| (&b.value, b.pos)) {
            Some((BearerAuth::Credential(credential), pos)) => {
                if auth.basic.is_some() {
                    self.auth_conflict(pos, "a static bearer token and HTTP Basic");
                }
                out.push(AuthScheme::Bearer(self.credential_ref(meta, credential)));
            }
            Some((BearerAuth::Session, pos)) => {
                if auth.session.is_none() {
                    self.diags.push(
                        Diagnostic::error(
                            "auth-credential",
                            self.path,
                            pos,
                            "`bearer: session` sends the session's token, but `auth.session` declares no token session",
                        )
                        .with_help("declare `auth.session`, or name a credential: `bearer: {credential: NAME}`"),
                    );
                }
                out.push(AuthScheme::BearerSession);
            }
            None => {}
        }
        let mut headers: Vec<String> = Vec::new();
        for key in &auth.api_keys {
            let credential = self.credential_ref(meta, &key.credential);
            match key.place.value {
                ApiKeyIn::Header => {
                    if self.header_name(&key.name) {
                        let lower = key.name.value.to_ascii_lowercase();
                        if lower == AUTHORIZATION && (auth.basic.is_some() || auth.bearer.is_some())
                        {
                            self.auth_conflict(
                                key.name.pos,
                                "an API key in `Authorization` and the API's Basic or bearer authentication",
                            );
                        } else if headers.contains(&lower) {
                            self.duplicate_header(&key.name, "another API key");
                        }
                        headers.push(lower);
                    }
                    out.push(AuthScheme::ApiKeyHeader {
                        name: key.name.value.clone(),
                        credential,
                    });
                }
                ApiKeyIn::Query => out.push(AuthScheme::ApiKeyQuery {
                    name: key.name.value.clone(),
                    credential,
                }),
            }
        }
        out
    }

    fn auth_conflict(&mut self, pos: Pos, what: &str) {
        self.diags.push(
            Diagnostic::error(
                "auth-conflict",
                self.path,
                pos,
                format!("{what} would both set the `Authorization` header"),
            )
            .with_help("keep one scheme that uses `Authorization`; `bearer: session` may sit beside `basic`"),
        );
    }

    fn duplicate_header(&mut self, name: &Sp<String>, other: &str) {
        self.diags.push(
            Diagnostic::error(
                "duplicate-header",
                self.path,
                name.pos,
                format!(
                    "the header `{}` is already bound to {other}; one request cannot send both",
                    name.value
                ),
            )
            .with_help("bind each header once (header names ignore case)"),
        );
    }

    /// Whether `name` is a valid HTTP header name (an RFC 9110 token);
    /// reports it when not.
    fn header_name(&mut self, name: &Sp<String>) -> bool {
        if super::headers::is_token(&name.value) {
            return true;
        }
        self.diags.push(
            Diagnostic::error(
                "http-binding",
                self.path,
                name.pos,
                format!(
                    "`{}` is not a valid HTTP header name",
                    name.value.escape_debug()
                ),
            )
            .with_help("a header name holds letters, digits and `!#$%&'*+-.^_`|~` only"),
        );
        false
    }

    /// A method's own binding (`http`, each parameter's `in`), checked
    /// against its parameters and the API's wire; `None` for a method that
    /// travels by the wire alone.
    pub(super) fn method_binding(
        &mut self,
        name: &Sp<String>,
        method: &'a model::Method,
        params: &[Member],
        wire: &Wire,
    ) -> Option<MethodBinding> {
        let http = method.http.as_ref();
        let bound = method.params.iter().any(|(_, p)| p.place.is_some());
        if http.is_none() && !bound {
            return None;
        }
        let errors_before = self.diags.0.len();
        let http_method = http.and_then(|h| h.method.as_ref()).map(|m| m.value);
        let effective = http_method.unwrap_or(wire.http_method);
        let template = http.and_then(|h| h.path.as_ref());
        let labels = template.map(|t| self.path_template(t)).unwrap_or_default();

        let mut headers: Vec<String> = wire
            .auth_schemes
            .iter()
            .filter_map(|s| match s {
                AuthScheme::ApiKeyHeader { name, .. } => Some(name.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        let authorization_taken = wire.basic_auth.is_some()
            || wire
                .auth_schemes
                .iter()
                .any(|s| matches!(s, AuthScheme::Bearer(_) | AuthScheme::BearerSession));
        let mut out = Vec::new();
        let mut body: Option<(&'static str, &str)> = None;
        for (param_name, param) in method.params.iter() {
            let Some(place) = &param.place else { continue };
            let member = params.iter().find(|m| m.wire_name == param_name.value);
            if param.series.is_some() {
                self.binding_error(
                    place.pos,
                    "a numbered series travels by the wire's defaults; it cannot be bound",
                );
                continue;
            }
            if place.value.is_body() && effective == HttpMethod::Get {
                self.diags.push(
                    Diagnostic::error(
                        "body-on-get",
                        self.path,
                        place.pos,
                        format!(
                            "`{}` travels in the request body, but `{}` is sent with GET, which has none",
                            param_name.value, name.value
                        ),
                    )
                    .with_help("bind it to `path`, `query` or a header, or send the method with another `http.method`"),
                );
            }
            let kind = match &place.value {
                ParamIn::Body => Some("body"),
                ParamIn::Json => Some("json"),
                ParamIn::Form => Some("form"),
                _ => None,
            };
            if let Some(kind) = kind {
                match body {
                    Some((other, other_name)) if other != kind || kind == "body" => {
                        self.binding_error(
                            place.pos,
                            format!(
                                "`{}` goes in the body as `{kind}`, but `{other_name}` already makes the body `{other}`; a request has one body",
                                param_name.value
                            ),
                        );
                    }
                    _ => body = Some((kind, param_name.value.as_str())),
                }
            }
            let lowered = match &place.value {
                ParamIn::Path => {
                    if !labels.iter().any(|l| l == &param_name.value) {
                        let message = match template {
                            Some(t) => format!(
                                "`{}` is bound to the path, but the path template `{}` has no `{{{}}}`",
                                param_name.value, t.value, param_name.value
                            ),
                            None => format!(
                                "`{}` is bound to the path, but `{}` has no `http.path` template",
                                param_name.value, name.value
                            ),
                        };
                        self.diags.push(
                            Diagnostic::error("path-param", self.path, place.pos, message)
                                .with_help("add the `{name}` segment to `http.path`, or bind the parameter elsewhere"),
                        );
                    }
                    if !param.required {
                        self.diags.push(
                            Diagnostic::error(
                                "optional-path-param",
                                self.path,
                                place.pos,
                                format!(
                                    "the path parameter `{}` is optional, but the path cannot be built without it",
                                    param_name.value
                                ),
                            )
                            .with_help("mark it `required: true`, or bind it to the query"),
                        );
                    }
                    ParamPlace::Path
                }
                ParamIn::Query => ParamPlace::Query,
                ParamIn::Header(header) => {
                    if self.header_name(header) {
                        let lower = header.value.to_ascii_lowercase();
                        if lower == AUTHORIZATION && authorization_taken {
                            self.duplicate_header(header, "the API's authentication");
                        } else if headers.contains(&lower) {
                            self.duplicate_header(header, "another parameter or API key");
                        }
                        headers.push(lower);
                    }
                    ParamPlace::Header {
                        name: header.value.clone(),
                        sensitive: member.is_some_and(|m| m.secret)
                            || self.type_is_secret(&param.ty.value),
                    }
                }
                ParamIn::Form => ParamPlace::Form,
                ParamIn::Json => ParamPlace::Json,
                ParamIn::Body => ParamPlace::Body,
            };
            out.push(ParamBinding {
                wire_name: param_name.value.clone(),
                place: lowered,
            });
        }
        if let Some(template) = template {
            for label in &labels {
                let declared = method.params.iter().find(|(n, _)| &n.value == label);
                let is_path = declared.is_some_and(|(_, p)| {
                    p.place.as_ref().is_some_and(|p| p.value == ParamIn::Path)
                });
                if is_path {
                    continue;
                }
                let message = match declared {
                    Some(_) => format!(
                        "the path template names `{{{label}}}`, but the parameter `{label}` is not bound to the path"
                    ),
                    None => format!(
                        "the path template names `{{{label}}}`, but `{}` has no parameter `{label}`",
                        name.value
                    ),
                };
                let mut diagnostic =
                    Diagnostic::error("path-template-param", self.path, template.pos, message)
                        .with_help("declare the parameter with `required: true` and `in: path`");
                if declared.is_none() {
                    diagnostic = diagnostic.with_suggestion(
                        label,
                        method.params.iter().map(|(n, _)| n.value.as_str()),
                    );
                }
                self.diags.push(diagnostic);
            }
        }
        if self.diags.0[errors_before..]
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
        {
            return None;
        }
        Some(MethodBinding {
            http_method,
            path: template.map(|t| t.value.clone()),
            params: out,
        })
    }

    fn binding_error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(
            Diagnostic::error("http-binding", self.path, pos, message)
                .with_help("see `in` and `http` in spec/README.md"),
        );
    }

    /// Whether the named type `name` is declared secret.
    fn type_is_secret(&self, name: &str) -> bool {
        self.type_def(name).is_some_and(|def| def.secret)
    }

    /// The `{name}` labels of a path template, checked: it starts with `/`,
    /// each segment is a label or literal text of letters, digits and
    /// `-._~` (never empty, `.` or `..`), and no label repeats.
    fn path_template(&mut self, template: &Sp<String>) -> Vec<String> {
        let text = template.value.as_str();
        let mut labels: Vec<String> = Vec::new();
        let problem = if !text.starts_with('/') {
            Some("it must start with `/`".to_string())
        } else if text == "/" {
            None
        } else {
            text[1..].split('/').find_map(|segment| {
                if let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    if label.is_empty() || label.contains(['{', '}']) {
                        return Some(format!("the segment `{segment}` is not one `{{name}}`"));
                    }
                    if labels.iter().any(|l| l == label) {
                        return Some(format!("`{{{label}}}` appears twice"));
                    }
                    labels.push(label.to_string());
                    return None;
                }
                let literal = |c: char| c.is_ascii_alphanumeric() || "-._~".contains(c);
                if matches!(segment, "" | "." | "..") {
                    Some(format!(
                        "it has an empty, `.` or `..` segment (`{segment}`), which would change the path"
                    ))
                } else if !segment.chars().all(literal) {
                    Some(format!(
                        "the segment `{}` holds characters other than letters, digits and `-._~`, or a `{{name}}` that is not the whole segment",
                        segment.escape_debug()
                    ))
                } else {
                    None
                }
            })
        };
        if let Some(problem) = problem {
            self.diags.push(
                Diagnostic::error(
                    "path-template",
                    self.path,
                    template.pos,
                    format!("the path template `{}` is malformed: {problem}", text.escape_debug()),
                )
                .with_help("write the path as `/domains/{domain}/records/{id}`: literal segments and whole-segment `{name}` labels"),
            );
        }
        labels
    }
}
