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
//! field whose value is a `const`. A method with its own path template
//! (`http.path`) is keyed by that template and its own HTTP method.

mod bound;
mod request;
mod responses;
mod security;

use serde_json::{Map, Value, json};

use super::markdown;
use super::schema::{self, Values};
use crate::ir::{
    Api, ErrorRule, HttpMethod, Method, MethodName, ParamEncoding, ResponseFormat, Section,
    Workspace,
};
use request::Request;

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The document's second key names its maker, so `--out` knows an earlier
/// export from a user's file.
pub const MARKER_KEY: &str = "x-hostapi-export";
pub const MARKER: &str = "hostapi-codegen export openapi";

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
    document.insert("servers".into(), endpoint.servers(api).into());
    if !api.servers.is_empty() {
        // Every named server as the spec lists them, also those `servers`
        // cannot hold (see `Endpoint::servers`).
        let named: Map<String, Value> = api
            .servers
            .iter()
            .map(|(name, url)| (name.clone(), Value::String(url.clone())))
            .collect();
        document.insert("x-hostapi-servers".into(), Value::Object(named));
    }
    let (security, requirements) = security::security_schemes(api);
    if !requirements.is_empty() {
        document.insert("security".into(), requirements.into());
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

    /// Every server, the default first: the default alone for a spec with
    /// one `base_url`, else each named server (its name as the
    /// description) whose URL ends in the same segment as the default's
    /// (path keys repeat that segment, so a server with another one could
    /// not be reached by them).
    fn servers(&self, api: &Api) -> Vec<Value> {
        if api.servers.is_empty() {
            return vec![json!({ "url": self.server })];
        }
        api.servers
            .iter()
            .filter_map(|(name, url)| {
                let url = url.trim_end_matches('/');
                let prefix = if self.last_segment.is_empty() {
                    url
                } else {
                    url.strip_suffix(&self.last_segment)?.strip_suffix('/')?
                };
                Some(json!({ "url": server_url(prefix), "description": name }))
            })
            .collect()
    }

    /// The path key of `method`: its own path template (checked to hold
    /// only unreserved characters and `{name}` segments), else from its name.
    fn path_key(&self, api: &Api, method: &Method) -> String {
        if let Some(path) = method.binding.as_ref().and_then(|b| b.path.as_ref()) {
            return path.clone();
        }
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
            let verb = http_method(bound::http_method_of(api, method));
            let item = paths.entry(key.clone()).or_insert_with(|| json!({}));
            let Value::Object(item) = item else {
                return Err(format!("the OpenAPI path `{key}` is not a path item"));
            };
            if item.contains_key(verb) {
                return Err(format!(
                    "two methods of {} map to the OpenAPI operation `{verb} {key}`",
                    api.module
                ));
            }
            item.insert(verb.into(), operation(workspace, api, section, method));
        }
    }
    Ok(paths)
}

fn http_method(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
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
    operation.insert("responses".into(), responses::responses(api, method));
    operation.insert(
        "x-hostapi-method".into(),
        json!({ "section": section.name, "name": method.name, "wire_name": method.wire_name }),
    );
    if method.idempotent {
        operation.insert("x-hostapi-idempotent".into(), true.into());
    }
    if let Some(paging) = &method.paging {
        operation.insert("x-hostapi-paging".into(), paging_extension(paging));
    }
    Value::Object(operation)
}

/// `x-hostapi-paging`: the items field and the style's wire names. Page
/// numbers keep the object they always had (no `style`).
fn paging_extension(paging: &crate::ir::Paging) -> Value {
    use crate::ir::PagingStyle;
    let keys = match &paging.style {
        PagingStyle::Page { page, page_total } => {
            return json!({ "page": page, "items": paging.items, "page_total": page_total });
        }
        PagingStyle::Offset {
            offset,
            limit,
            page_size,
            total,
        } => json!({ "offset": offset, "limit": limit, "page_size": page_size, "total": total }),
        PagingStyle::Cursor { cursor, next } => json!({ "cursor": cursor, "next": next }),
        PagingStyle::Link { link } => json!({ "link_header_field": link }),
    };
    let mut out = Map::new();
    out.insert("style".into(), paging.style.name().into());
    if let Value::Object(keys) = keys {
        out.extend(keys.into_iter().filter(|(_, v)| !v.is_null()));
    }
    out.insert("items".into(), paging.items.clone().into());
    Value::Object(out)
}

/// Named types (the API's own, then its libraries'), then the errors.
fn schemas(workspace: &Workspace, api: &Api) -> Map<String, Value> {
    let values = match api.wire.params {
        ParamEncoding::Json { .. } => Values::Json,
        ParamEncoding::Query | ParamEncoding::Form => Values::Pairs,
    };
    let mut schemas = Map::new();
    for ty in workspace.types_of(api) {
        schemas.insert(ty.rust_name.clone(), schema::named_type(ty, values));
    }
    responses::error_components(api, &mut schemas);
    schemas
}

/// [`document`] as the text `export openapi` writes (see `super::json`).
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
