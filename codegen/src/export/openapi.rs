//! One API as an OpenAPI 3.1 document: each method an operation sent as
//! the runtime sends it today, its parameters where they travel, its
//! success record and documented errors as responses, the credentials as
//! security schemes, the named types as components.
//!
//! OpenAPI keys operations by path and HTTP method, so APIs that name the
//! method in the query (`?command=X`) or the form (`action=X`) would put
//! every method on one key. Their path keys add the method's name as a
//! fragment (`/interface.asp#GetBalance`): a fragment is never sent
//! (RFC 3986), so the request still goes to the one endpoint, and the
//! name travels as the operation declares it, a query parameter or form
//! field whose value is a `const`.

use serde_json::{Map, Value, json};

use super::markdown;
use super::schema::{self, Direction, Values, component_ref};
use crate::ir::{
    Api, ErrorRule, HttpMethod, Member, Method, MethodName, ParamEncoding, ResponseFormat, Section,
    TypeKind, TypeRef, Workspace,
};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The document's second key names its maker, so `--out` knows an earlier
/// export from a user's file.
pub const MARKER_KEY: &str = "x-hostapi-export";
pub const MARKER: &str = "hostapi-codegen export openapi";

/// The component every error response matches, and the prefix of each
/// documented error's component. Named types are Rust identifiers, so a
/// name with a dot never collides with one.
const ERROR_COMPONENT: &str = "hostapi.Error";

/// `api` as an OpenAPI document, or why it cannot be one (two methods on
/// one path key).
pub fn document(workspace: &Workspace, api: &Api) -> Result<Value, String> {
    let endpoint = Endpoint::of(api);
    let mut document = Map::new();
    document.insert("openapi".into(), OPENAPI_VERSION.into());
    document.insert(MARKER_KEY.into(), MARKER.into());
    document.insert("info".into(), info(api));
    if let Some(url) = &api.docs_url {
        document.insert("externalDocs".into(), json!({ "url": url }));
    }
    document.insert("servers".into(), json!([{ "url": endpoint.server }]));
    let security = security_schemes(api);
    if !security.is_empty() {
        let requirement: Map<String, Value> =
            security.keys().map(|k| (k.clone(), json!([]))).collect();
        document.insert("security".into(), json!([requirement]));
    }
    document.insert("tags".into(), tags(api));
    document.insert(
        "paths".into(),
        Value::Object(paths(workspace, api, &endpoint)?),
    );
    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(schemas(workspace, api)));
    if !security.is_empty() {
        components.insert("securitySchemes".into(), Value::Object(security));
    }
    document.insert("components".into(), Value::Object(components));
    document.insert("x-hostapi-wire".into(), wire(api));
    Ok(Value::Object(document))
}

fn info(api: &Api) -> Value {
    let mut description = api.doc.clone().unwrap_or_default();
    for note in &api.notes {
        description.push_str("\n\n");
        description.push_str(note);
    }
    let mut info = Map::new();
    info.insert("title".into(), api.title.clone().into());
    info.insert("version".into(), api.version.clone().into());
    if !description.is_empty() {
        info.insert("description".into(), markdown(description.trim()).into());
    }
    info.insert("x-hostapi-module".into(), api.module.clone().into());
    Value::Object(info)
}

fn tags(api: &Api) -> Value {
    let tags: Vec<Value> = api
        .sections
        .iter()
        .map(|s| json!({ "name": s.name, "description": markdown(&s.doc) }))
        .collect();
    tags.into()
}

/// The wire facts no OpenAPI keyword holds, for tools that read them.
fn wire(api: &Api) -> Value {
    let wire = &api.wire;
    let method_name = match &wire.method_name {
        MethodName::Path => json!({ "in": "path" }),
        MethodName::Query(name) => json!({ "in": "query", "name": name }),
        MethodName::Form(name) => json!({ "in": "form", "name": name }),
    };
    let params = match &wire.params {
        ParamEncoding::Json { envelope } => json!({ "encoding": "json", "envelope": envelope }),
        ParamEncoding::Query => json!({ "encoding": "query" }),
        ParamEncoding::Form => json!({ "encoding": "form" }),
    };
    json!({
        "method_name": method_name,
        "params": params,
        "response": response_format_name(wire.response),
        "error": error_rule(&wire.error),
    })
}

fn response_format_name(format: ResponseFormat) -> &'static str {
    match format {
        ResponseFormat::Json => "json",
        ResponseFormat::KeyValue => "key_value",
    }
}

fn error_rule(rule: &ErrorRule) -> Value {
    match rule {
        ErrorRule::FieldPresent { field, message } => {
            json!({ "field_present": { "field": field, "message": message } })
        }
        ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => json!({ "field_equals": { "field": field, "value": value, "message": message } }),
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => json!({ "count_above": {
            "field": field,
            "message_prefix": message_prefix,
            "number_prefix": number_prefix,
            "text_prefix": text_prefix,
        } }),
    }
}

/// Where requests go: the server URL, and how a method's path key starts.
struct Endpoint {
    server: String,
    /// For APIs naming the method in the query or form: the base URL's
    /// last path segment, which the path key repeats before the fragment.
    last_segment: String,
}

impl Endpoint {
    fn of(api: &Api) -> Endpoint {
        let base = api.base_url.trim_end_matches('/');
        if api.wire.method_name == MethodName::Path {
            return Endpoint {
                server: server_url(base),
                last_segment: String::new(),
            };
        }
        // `https://host/dir/interface.asp` → `https://host/dir` and
        // `interface.asp`: a path key starts with `/`, and one of `/` alone
        // would add a slash the endpoint does not have.
        let authority_start = base.find("://").map_or(0, |i| i + 3);
        match base[authority_start..].rfind('/') {
            Some(i) => Endpoint {
                server: server_url(&base[..authority_start + i]),
                last_segment: base[authority_start + i + 1..].to_string(),
            },
            None => Endpoint {
                server: server_url(base),
                last_segment: String::new(),
            },
        }
    }

    /// The path key of `method`.
    fn path_key(&self, api: &Api, method: &Method) -> String {
        match api.wire.method_name {
            MethodName::Path => {
                let segments: Vec<String> = method
                    .wire_name
                    .trim_start_matches('/')
                    .split('/')
                    .map(percent_encode)
                    .collect();
                format!("/{}", segments.join("/"))
            }
            MethodName::Query(_) | MethodName::Form(_) => format!(
                "/{}#{}",
                percent_encode(&self.last_segment),
                percent_encode(&method.wire_name)
            ),
        }
    }
}

/// `{` and `}` would read as a server variable; the checked base URL has
/// none, but the document must not grow one from spec text.
fn server_url(base: &str) -> String {
    base.replace('{', "%7B").replace('}', "%7D")
}

/// Percent-encodes all but RFC 3986's unreserved characters and the
/// sub-delimiters a path keeps, so no name becomes a path template
/// (`{…}`), a query or another segment.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(char::from(byte));
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':'
            | b'@' => encoded.push(char::from(byte)),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

fn paths(
    workspace: &Workspace,
    api: &Api,
    endpoint: &Endpoint,
) -> Result<Map<String, Value>, String> {
    let mut paths = Map::new();
    for section in &api.sections {
        for method in &section.methods {
            let key = endpoint.path_key(api, method);
            if paths.contains_key(&key) {
                return Err(format!(
                    "two methods of {} map to the OpenAPI path `{key}`",
                    api.module
                ));
            }
            let mut item = Map::new();
            item.insert(
                http_method(api.wire.http_method).into(),
                operation(workspace, api, section, method),
            );
            paths.insert(key, Value::Object(item));
        }
    }
    Ok(paths)
}

fn http_method(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
    }
}

/// The `operationId` of `method`: unique, since section modules are and
/// method names are within a section.
pub fn operation_id(section: &Section, method: &Method) -> String {
    format!("{}.{}", section.module, method.rust_name)
}

fn operation(workspace: &Workspace, api: &Api, section: &Section, method: &Method) -> Value {
    let mut operation = Map::new();
    operation.insert("operationId".into(), operation_id(section, method).into());
    operation.insert("tags".into(), json!([section.name]));
    let mut description = method.doc.clone();
    for note in &method.notes {
        description.push_str("\n\n");
        description.push_str(note);
    }
    operation.insert("description".into(), markdown(description.trim()).into());
    if let Some(url) = &method.url {
        operation.insert("externalDocs".into(), json!({ "url": url }));
    }
    let request = Request::of(workspace, api, method);
    if !request.parameters.is_empty() {
        operation.insert("parameters".into(), request.parameters.into());
    }
    if let Some(body) = request.body {
        operation.insert("requestBody".into(), body);
    }
    operation.insert("responses".into(), responses(api, method));
    operation.insert(
        "x-hostapi-method".into(),
        json!({ "section": section.name, "name": method.name, "wire_name": method.wire_name }),
    );
    if method.idempotent {
        operation.insert("x-hostapi-idempotent".into(), true.into());
    }
    if let Some(paging) = &method.paging {
        operation.insert(
            "x-hostapi-paging".into(),
            json!({
                "page": paging.page,
                "items": paging.items,
                "page_total": paging.page_total,
            }),
        );
    }
    Value::Object(operation)
}

/// Where each part of a request travels, as the runtime sends it: the
/// method name, the credential parameters, the method's parameters.
#[derive(Default)]
struct Request {
    parameters: Vec<Value>,
    body: Option<Value>,
}

impl Request {
    fn of(workspace: &Workspace, api: &Api, method: &Method) -> Request {
        let wire = &api.wire;
        let mut request = Request::default();
        match &wire.params {
            ParamEncoding::Json { envelope } => {
                request.body = Some(json_body(api, method, envelope.as_deref()));
                request.add_method_name(api, method, None);
            }
            ParamEncoding::Query | ParamEncoding::Form => {
                let form_body =
                    wire.http_method == HttpMethod::Post && wire.params == ParamEncoding::Form;
                if form_body {
                    let mut fields = schema::object(&method.params, Direction::Sent, Values::Pairs);
                    request.add_method_name(api, method, Some(&mut fields));
                    add_body_credentials(api, &mut fields);
                    request.body = Some(body("application/x-www-form-urlencoded", fields));
                } else {
                    request.add_method_name(api, method, None);
                    request.add_query_params(workspace, api, &method.params);
                }
            }
        }
        request
    }

    /// The method's name: nothing for a path (the key holds it), else a
    /// query parameter or form field with its one value.
    fn add_method_name(&mut self, api: &Api, method: &Method, form: Option<&mut Value>) {
        let name = match &api.wire.method_name {
            MethodName::Path => return,
            MethodName::Query(name) | MethodName::Form(name) => name,
        };
        let value = json!({ "type": "string", "const": method.wire_name });
        match (&api.wire.method_name, form) {
            (MethodName::Form(_), Some(fields)) => add_property(fields, name, value, true),
            _ => self.parameters.push(json!({
                "name": name,
                "in": "query",
                "required": true,
                "schema": value,
            })),
        }
    }

    fn add_query_params(&mut self, workspace: &Workspace, api: &Api, params: &[Member]) {
        for member in params {
            let mut schema = schema::member_schema(member, Direction::Sent, Values::Pairs);
            // The parameter carries the doc; its schema need not repeat it.
            if let Value::Object(keywords) = &mut schema {
                keywords.remove("description");
            }
            let names = match (member.series, member.numbering) {
                (true, Some(numbering)) => schema::series_names(member, numbering),
                _ => vec![member.wire_name.clone()],
            };
            for (i, name) in names.into_iter().enumerate() {
                let mut parameter = Map::new();
                parameter.insert("name".into(), name.into());
                parameter.insert("in".into(), "query".into());
                if member.required && i == 0 {
                    parameter.insert("required".into(), true.into());
                }
                if let Some(doc) = &member.doc {
                    parameter.insert("description".into(), markdown(doc).into());
                }
                // The runtime writes an object's keys as `name[key]`.
                if is_object(workspace, api, &member.ty) {
                    parameter.insert("style".into(), "deepObject".into());
                    parameter.insert("explode".into(), true.into());
                }
                parameter.insert("schema".into(), schema.clone());
                self.parameters.push(Value::Object(parameter));
            }
        }
    }
}

/// A JSON body: the parameters (with the credential parameters, which the
/// runtime writes first), inside the envelope when there is one.
fn json_body(api: &Api, method: &Method, envelope: Option<&str>) -> Value {
    let mut params = schema::object(&method.params, Direction::Sent, Values::Json);
    add_body_credentials(api, &mut params);
    let content = match envelope {
        Some(envelope) => {
            let mut wrapper = json!({ "type": "object", "properties": {} });
            add_property(&mut wrapper, envelope, params, true);
            wrapper
        }
        None => params,
    };
    body("application/json", content)
}

fn body(media_type: &str, schema: Value) -> Value {
    json!({ "required": true, "content": { media_type: { "schema": schema } } })
}

/// Credential parameters sent in a body, which no security scheme can
/// place: required, write-only fields naming their credential.
fn add_body_credentials(api: &Api, fields: &mut Value) {
    if !credentials_in_body(api) {
        return;
    }
    for (wire_name, credential) in &api.wire.credential_params {
        let secret = api
            .credentials
            .iter()
            .any(|c| &c.name == credential && c.secret);
        let mut schema = json!({
            "type": "string",
            "writeOnly": true,
            "x-hostapi-credential": credential,
        });
        if secret && let Value::Object(keywords) = &mut schema {
            keywords.insert("format".into(), "password".into());
            keywords.insert("x-hostapi-secret".into(), true.into());
        }
        add_property(fields, wire_name, schema, true);
    }
}

/// Whether credential parameters travel in the body (a JSON body or a
/// POSTed form) rather than the query string.
fn credentials_in_body(api: &Api) -> bool {
    match api.wire.params {
        ParamEncoding::Json { .. } => true,
        ParamEncoding::Form => api.wire.http_method == HttpMethod::Post,
        ParamEncoding::Query => false,
    }
}

fn add_property(object: &mut Value, name: &str, schema: Value, required: bool) {
    let Value::Object(object) = object else {
        return;
    };
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.insert(name.to_string(), schema);
    }
    if required {
        match object.get_mut("required") {
            Some(Value::Array(list)) => list.push(name.into()),
            _ => {
                object.insert("required".into(), json!([name]));
            }
        }
    }
}

/// Whether a member's value is an object or map (written `name[key]` in
/// pairs).
fn is_object(workspace: &Workspace, api: &Api, ty: &TypeRef) -> bool {
    let TypeRef::Named(name) = ty else {
        return false;
    };
    workspace.types_of(api).any(|t| {
        &t.rust_name == name && matches!(t.kind, TypeKind::Object { .. } | TypeKind::Map { .. })
    })
}

/// The one response: the API answers a call, success or documented error,
/// with HTTP 200, told apart by its error rule (`x-hostapi-wire.error`).
fn responses(api: &Api, method: &Method) -> Value {
    let success = match &method.returns_map {
        Some(map) => schema::type_ref(map, Values::Json),
        None => schema::object(&method.returns, Direction::Received, Values::Json),
    };
    let mut answers = vec![success];
    answers.extend(
        method
            .errors
            .iter()
            .map(|name| component_ref(&format!("{ERROR_COMPONENT}.{name}"))),
    );
    answers.push(component_ref(ERROR_COMPONENT));
    let schema = json!({ "anyOf": answers });
    let mut media = Map::new();
    media.insert("schema".into(), schema);
    // A documented response, unless it holds a secret: examples never do.
    if let Some(example) = &method.returns_example
        && !method.returns_secrets
    {
        media.insert("example".into(), Value::Object(example.clone()));
    }
    let (media_type, description) = media_type(api.wire.response);
    json!({
        "200": {
            "description": description,
            "content": { media_type: Value::Object(media) },
        }
    })
}

/// The media type of answers, and what the response says of them.
/// `key_value` answers are `key=value` text unless a request asks for HTML
/// or XML; the runtime reads the same keys from each, so one schema
/// describes them all, given once.
fn media_type(format: ResponseFormat) -> (&'static str, &'static str) {
    match format {
        ResponseFormat::Json => (
            "application/json",
            "The method's answer, or one of the API's errors.",
        ),
        ResponseFormat::KeyValue => (
            "text/plain",
            "The method's answer, or one of the API's errors, as `key=value` lines \
             (the same keys arrive as HTML or XML when the request asks for them).",
        ),
    }
}

/// Named types (the API's own, then its libraries'), the error every
/// failed call matches, and each documented error.
fn schemas(workspace: &Workspace, api: &Api) -> Map<String, Value> {
    let values = match api.wire.params {
        ParamEncoding::Json { .. } => Values::Json,
        ParamEncoding::Query | ParamEncoding::Form => Values::Pairs,
    };
    let mut schemas = Map::new();
    for ty in workspace.types_of(api) {
        schemas.insert(ty.rust_name.clone(), schema::named_type(ty, values));
    }
    schemas.insert(ERROR_COMPONENT.into(), error_envelope(&api.wire.error));
    for error in &api.errors {
        let mut own = schema::object(&error.fields, Direction::Received, Values::Json);
        if let Value::Object(keywords) = &mut own {
            keywords.insert("description".into(), markdown(&error.doc).into());
            keywords.insert(
                "x-hostapi-error".into(),
                json!({
                    "key": error.key,
                    "prefix_match": error.prefix_match,
                    "retryable": error.retryable,
                }),
            );
        }
        schemas.insert(
            format!("{ERROR_COMPONENT}.{}", error.rust_name),
            json!({ "allOf": [component_ref(ERROR_COMPONENT), own] }),
        );
    }
    schemas
}

/// What every error answer holds, by the API's error rule.
fn error_envelope(rule: &ErrorRule) -> Value {
    let mut properties = Map::new();
    let mut pattern_properties = Map::new();
    let field = match rule {
        ErrorRule::FieldPresent { field, message } => {
            properties.insert(
                field.clone(),
                json!({ "type": "string", "description": "The error's class." }),
            );
            if let Some(message) = message {
                properties.insert(message.clone(), json!({ "type": "string" }));
            }
            field
        }
        ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => {
            properties.insert(field.clone(), json!({ "const": value }));
            properties.insert(message.clone(), json!({ "type": "string" }));
            field
        }
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => {
            properties.insert(field.clone(), json!({ "type": "integer", "minimum": 1 }));
            for prefix in [
                Some(message_prefix),
                number_prefix.as_ref(),
                text_prefix.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                pattern_properties.insert(
                    super::pattern::series_keys(&format!("{prefix}{{n}}")),
                    json!({ "type": "string" }),
                );
            }
            field
        }
    };
    let mut envelope = json!({
        "type": "object",
        "description": "An error answer, as the API's error rule recognises it.",
        "required": [field],
        "properties": properties,
    });
    if !pattern_properties.is_empty()
        && let Value::Object(keywords) = &mut envelope
    {
        keywords.insert(
            "patternProperties".into(),
            Value::Object(pattern_properties),
        );
    }
    envelope
}

/// HTTP Basic, and the credential parameters sent in the query string,
/// as security schemes (all required together); a token session is
/// described on the Basic scheme whose password it replaces.
fn security_schemes(api: &Api) -> Map<String, Value> {
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

/// [`document`] as the text `export openapi` writes (see [`super::json`]).
pub fn render(workspace: &Workspace, api: &Api) -> Result<String, String> {
    super::json::to_text(&document(workspace, api)?)
}

/// Whether `contents` is an earlier export: the marker is the document's
/// second key, so it is near the start.
pub fn is_export(contents: &[u8]) -> bool {
    let head = &contents[..contents.len().min(256)];
    let marker = format!("\"{MARKER_KEY}\": \"{MARKER}\"");
    head.starts_with(b"{")
        && head
            .windows(marker.len())
            .any(|window| window == marker.as_bytes())
}
