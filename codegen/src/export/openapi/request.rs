//! A method's request as the runtime sends it: the method's name (for
//! query- and form-named APIs), the credential parameters that travel with
//! the parameters, and the parameters themselves as query parameters, a
//! form body or a JSON body.

use serde_json::{Map, Value, json};

use crate::export::markdown;
use crate::export::schema::{self, Direction, Values};
use crate::ir::{
    Api, HttpMethod, Member, Method, MethodName, ParamEncoding, TypeKind, TypeRef, Workspace,
};

/// Where each part of a request travels, as the runtime sends it: the
/// method name, the credential parameters, the method's parameters.
#[derive(Default)]
pub(super) struct Request {
    pub(super) parameters: Vec<Value>,
    pub(super) body: Option<Value>,
}

impl Request {
    pub(super) fn of(workspace: &Workspace, api: &Api, method: &Method) -> Request {
        if let Some(binding) = &method.binding {
            return super::bound::request(workspace, api, method, binding);
        }
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
                    let mut fields =
                        schema::object(&method.sent_params(), Direction::Sent, Values::Pairs);
                    request.add_method_name(api, method, Some(&mut fields));
                    add_body_credentials(api, &mut fields);
                    request.body = Some(body("application/x-www-form-urlencoded", fields));
                } else {
                    request.add_method_name(api, method, None);
                    let params = query_parameters(workspace, api, &method.sent_params());
                    request.parameters.extend(params);
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
}

/// `params` as query parameters, a numbered series under each number.
pub(super) fn query_parameters(workspace: &Workspace, api: &Api, params: &[Member]) -> Vec<Value> {
    let mut parameters = Vec::new();
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
            parameters.push(Value::Object(parameter));
        }
    }
    parameters
}

/// A JSON body: the parameters (with the credential parameters, which the
/// runtime writes first), inside the envelope when there is one.
fn json_body(api: &Api, method: &Method, envelope: Option<&str>) -> Value {
    let mut params = schema::object(&method.sent_params(), Direction::Sent, Values::Json);
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

pub(super) fn body(media_type: &str, schema: Value) -> Value {
    json!({ "required": true, "content": { media_type: { "schema": schema } } })
}

/// Credential parameters sent in a body, which no security scheme can
/// place: required, write-only fields naming their credential.
fn add_body_credentials(api: &Api, fields: &mut Value) {
    if credentials_in_body(api) {
        add_body_credentials_to(api, fields);
    }
}

/// The credential parameters as body fields, wherever the body is.
pub(super) fn add_body_credentials_to(api: &Api, fields: &mut Value) {
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
pub(super) fn credentials_in_body(api: &Api) -> bool {
    match api.wire.params {
        ParamEncoding::Json { .. } => true,
        ParamEncoding::Form => api.wire.http_method == HttpMethod::Post,
        ParamEncoding::Query => false,
    }
}

pub(super) fn add_property(object: &mut Value, name: &str, schema: Value, required: bool) {
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
