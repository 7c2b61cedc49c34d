//! The wire block, credentials, the token session and documented errors.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    pub(super) fn credentials(&mut self, meta: &'a model::ApiMeta) -> Vec<Credential> {
        let mut out: Vec<Credential> = Vec::new();
        for (name, def) in meta.credentials.iter() {
            let rust_name = match naming::checked_snake(&name.value) {
                Ok(rust) => rust,
                Err(problem) => {
                    let message = format!("credential name `{}` {problem}", name.value);
                    self.diags.push(
                        Diagnostic::error("rust-name", self.path, name.pos, message)
                            .with_help("rename the credential: its name is the spec's own"),
                    );
                    continue;
                }
            };
            if let Some(other) = out.iter().find(|c| c.rust_name == rust_name) {
                let message = format!(
                    "credentials `{}` and `{}` both become the Rust field `{rust_name}`",
                    other.name, name.value
                );
                self.error("name-collision", self.path, name.pos, message);
                continue;
            }
            out.push(Credential {
                name: name.value.clone(),
                rust_name,
                doc: def.doc.clone(),
                secret: def.secret,
            });
        }
        out
    }

    pub(super) fn credential_ref(&mut self, meta: &model::ApiMeta, name: &Sp<String>) -> String {
        if meta.credentials.get(&name.value).is_none() {
            let mut diagnostic = Diagnostic::error(
                "unknown-credential",
                self.path,
                name.pos,
                format!("`{}` is not a declared credential", name.value),
            );
            diagnostic = diagnostic.with_suggestion(
                &name.value,
                meta.credentials.iter().map(|(k, _)| k.value.as_str()),
            );
            self.diags.push(diagnostic);
        }
        name.value.clone()
    }

    pub(super) fn wire(&mut self, meta: &'a model::ApiMeta) -> Wire {
        let w = &meta.wire;
        let basic_auth = w.auth.basic.as_ref().map(|b| {
            (
                self.credential_ref(meta, &b.username),
                self.credential_ref(meta, &b.password),
            )
        });
        let credential_params = w
            .auth
            .params
            .iter()
            .map(|(wire_name, credential)| {
                (
                    wire_name.value.clone(),
                    self.credential_ref(meta, credential),
                )
            })
            .collect();
        Wire {
            http_method: w.http_method,
            method_name: match &w.method_name {
                model::MethodName::Path => MethodName::Path,
                model::MethodName::Query(p) => MethodName::Query(p.value.clone()),
                model::MethodName::Form(p) => MethodName::Form(p.value.clone()),
            },
            params: match &w.params {
                model::ParamEncoding::Json { envelope } => ParamEncoding::Json {
                    envelope: envelope.clone(),
                },
                model::ParamEncoding::Query => ParamEncoding::Query,
                model::ParamEncoding::Form => ParamEncoding::Form,
            },
            basic_auth,
            credential_params,
            auth_schemes: self.auth_schemes(meta),
            session: None,
            response: w.response,
            error: match &w.error {
                model::ErrorRule::FieldPresent { field, message, .. } => ErrorRule::FieldPresent {
                    field: field.value.clone(),
                    message: message.as_ref().map(|m| m.value.clone()),
                },
                model::ErrorRule::FieldEquals {
                    field,
                    value,
                    message,
                } => ErrorRule::FieldEquals {
                    field: field.value.clone(),
                    value: value.clone(),
                    message: message.value.clone(),
                },
                model::ErrorRule::CountAbove {
                    field,
                    message_prefix,
                    number_prefix,
                    text_prefix,
                } => ErrorRule::CountAbove {
                    field: field.value.clone(),
                    message_prefix: message_prefix.clone(),
                    number_prefix: number_prefix.clone(),
                    text_prefix: text_prefix.clone(),
                },
            },
        }
    }

    pub(super) fn class_prefix(&self) -> Option<&'a str> {
        let meta = self.set.get(self.path)?.spec.api.as_ref()?;
        match &meta.wire.error {
            model::ErrorRule::FieldPresent { class_prefix, .. } => class_prefix.as_deref(),
            _ => None,
        }
    }

    pub(super) fn api_errors(&mut self) -> Vec<ApiError> {
        let prefix = self.class_prefix();
        let mut out: Vec<ApiError> = Vec::new();
        let origins: Vec<_> = self
            .errors
            .iter()
            .map(|o| (o.file, o.def, o.name))
            .collect();
        for (file, def, name) in origins {
            if let Some(rust) = &def.rust_name {
                self.check_identifier(file, rust);
            } else if let Err(problem) = naming::checked_camel(stripped_class(prefix, &name.value))
            {
                self.diags.push(
                    Diagnostic::error(
                        "rust-name",
                        file,
                        name.pos,
                        format!("error `{}` {problem}", name.value),
                    )
                    .with_help("set `rust_name` to the variant name"),
                );
                continue;
            }
            let rust_name = error_variant(prefix, &name.value, def);
            if !def.fields.is_empty() && names::ERROR_STRUCTS.contains(&rust_name.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        file,
                        name.pos,
                        format!(
                            "error `{}` would get a struct named `{rust_name}`, which `errors.rs` uses itself",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the error"),
                );
                continue;
            }
            if rust_name == "Other" {
                self.error(
                    "name-collision",
                    file,
                    name.pos,
                    "the variant name `Other` is kept for errors the spec does not list",
                );
                continue;
            }
            if let Some(other) = out.iter().find(|e| e.rust_name == rust_name) {
                let message = format!(
                    "errors `{}` and `{}` both become the variant `{rust_name}`",
                    other.key, name.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", file, name.pos, message)
                        .with_help("set `rust_name` on one of them"),
                );
                continue;
            }
            let fields = self.members_of_fields(file, &def.fields, false);
            let raw_named = def
                .fields
                .iter()
                .zip(&fields)
                .find(|(_, member)| member.rust_name == "raw")
                .map(|((name, _), _)| name.pos);
            if let Some(pos) = raw_named {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        file,
                        pos,
                        "this error field would be named `raw`, which generated code keeps for the raw error",
                    )
                    .with_help("set `rust_name` on the field"),
                );
                continue;
            }
            let shared_in = self
                .shareable(file, &fields)
                .then(|| super::library_module(file));
            out.push(ApiError {
                key: name.value.clone(),
                prefix_match: def.matching == model::ErrorMatch::Prefix,
                rust_name,
                doc: def.doc.clone(),
                fields,
                retryable: def.retryable,
                shared_in,
            });
        }
        out
    }

    /// Whether a struct of `fields`, of an error defined in `file`, can live
    /// in that type library's module for every API using it: the error comes
    /// from a library, has fields, reads no nested errors (those become the
    /// API's own `ApiError`) and names only types of that same library (the
    /// ones its module defines).
    fn shareable(&self, file: &Path, fields: &[Member]) -> bool {
        file != self.path
            && !fields.is_empty()
            && fields.iter().all(|field| match &field.ty {
                TypeRef::Builtin(builtin) => *builtin != Builtin::ErrorList,
                TypeRef::Named(rust) => self.types.iter().any(|origin| {
                    origin.file == file
                        && self.type_names.get(origin.name.value.as_str()) == Some(rust)
                }),
            })
    }

    pub(super) fn error_list_misplaced(&mut self, file: &Path, ty: &Sp<String>) {
        self.diags.push(
            Diagnostic::error(
                "error-list",
                file,
                ty.pos,
                "`error_list` (nested errors) is only for fields of documented errors",
            )
            .with_help("use `json` for a list of arbitrary values"),
        );
    }

    /// Checks `wire.auth.session` against the credentials, the wire and the
    /// token method it names.
    pub(super) fn session(
        &mut self,
        meta: &model::ApiMeta,
        session: &model::Session,
        wire: &Wire,
        sections: &[Section],
    ) -> Option<Session> {
        let path = self.path;
        let method = session
            .method
            .value
            .rsplit_once('/')
            .and_then(|(section, method)| {
                let section = sections.iter().find(|s| s.name == section)?;
                let method = section.methods.iter().find(|m| m.name == method)?;
                Some((section, method))
            });
        let Some((section, method)) = method else {
            let known: Vec<String> = sections
                .iter()
                .flat_map(|s| {
                    s.methods
                        .iter()
                        .map(move |m| format!("{}/{}", s.name, m.name))
                })
                .collect();
            let mut diagnostic = Diagnostic::error(
                "session",
                path,
                session.method.pos,
                format!(
                    "the session method `{}` is not a method of this API (write `Section/method`)",
                    session.method.value
                ),
            );
            diagnostic =
                diagnostic.with_suggestion(&session.method.value, known.iter().map(String::as_str));
            self.diags.push(diagnostic);
            return None;
        };
        let mut ok = true;
        let replaces = self.credential_ref(meta, &session.replaces);
        let used = wire
            .basic_auth
            .iter()
            .any(|(u, p)| *u == replaces || *p == replaces)
            || wire.credential_params.iter().any(|(_, c)| *c == replaces);
        let secret = meta.credentials.get(&replaces).is_some_and(|c| c.secret);
        if meta.credentials.get(&replaces).is_some() && (!used || !secret) {
            self.error(
                "session",
                path,
                session.replaces.pos,
                format!(
                    "the token replaces `{replaces}`, which must be a secret credential that `basic` or `params` sends"
                ),
            );
            ok = false;
        }
        for (field, what) in [
            (Some(&session.token), "token"),
            (session.expires.as_ref(), "expires"),
        ] {
            if let Some(field) = field
                && !method.returns.iter().any(|m| m.wire_name == field.value)
            {
                self.error(
                    "session",
                    path,
                    field.pos,
                    format!(
                        "`{what}` names `{}`, which `{}` does not return",
                        field.value, session.method.value
                    ),
                );
                ok = false;
            }
        }
        if let Some(param) = &session.timeout_param
            && !method.params.iter().any(|m| m.wire_name == param.value)
        {
            self.error(
                "session",
                path,
                param.pos,
                format!(
                    "`timeout_param` names `{}`, which `{}` does not take",
                    param.value, session.method.value
                ),
            );
            ok = false;
        }
        let (idle, max_idle, lifetime) = (
            *session.idle_timeout,
            *session.max_idle_timeout,
            *session.max_lifetime,
        );
        if idle == 0 || idle > max_idle {
            self.error(
                "session",
                path,
                session.idle_timeout.pos,
                format!("`idle_timeout` must be between 1 and `max_idle_timeout` ({max_idle}), not {idle}"),
            );
            ok = false;
        }
        if lifetime < max_idle {
            self.error(
                "session",
                path,
                session.max_lifetime.pos,
                format!(
                    "`max_lifetime` ({lifetime}) must be at least `max_idle_timeout` ({max_idle})"
                ),
            );
            ok = false;
        }
        ok.then(|| Session {
            section_module: section.module.clone(),
            method_rust_name: method.rust_name.clone(),
            method_wire_name: method.wire_name.clone(),
            replaces,
            token_field: session.token.value.clone(),
            expires_field: session.expires.as_ref().map(|e| e.value.clone()),
            timeout_param: session.timeout_param.as_ref().map(|t| t.value.clone()),
            idle_timeout: idle,
            max_idle_timeout: max_idle,
            max_lifetime: lifetime,
        })
    }

    pub(super) fn method_errors(&mut self, names: &[Sp<String>]) -> Vec<String> {
        let prefix = self.class_prefix();
        let mut out = Vec::new();
        for name in names {
            match self.errors.iter().find(|e| e.name.value == name.value) {
                Some(origin) => out.push(error_variant(prefix, &name.value, origin.def)),
                None => {
                    let candidates: Vec<&str> =
                        self.errors.iter().map(|e| e.name.value.as_str()).collect();
                    let mut diagnostic = Diagnostic::error(
                        "unknown-error",
                        self.path,
                        name.pos,
                        format!("`{}` is not a documented error of this API", name.value),
                    );
                    diagnostic = diagnostic.with_suggestion(&name.value, candidates);
                    self.diags.push(diagnostic);
                }
            }
        }
        out
    }
}

/// An error's class with the API's common prefix left out.
pub(super) fn stripped_class<'n>(prefix: Option<&str>, class: &'n str) -> &'n str {
    prefix.and_then(|p| class.strip_prefix(p)).unwrap_or(class)
}

/// The variant name of a documented error: its `rust_name`, or derived from
/// its class without the common prefix.
pub(super) fn error_variant(prefix: Option<&str>, class: &str, def: &model::ErrorDef) -> String {
    match &def.rust_name {
        Some(rust) => rust.value.clone(),
        None => naming::camel(stripped_class(prefix, class)),
    }
}
