//! A method with its own HTTP binding as the runtime sends it: path
//! parameters in the path template, query and header parameters as
//! `parameters`, form fields, JSON members or the whole JSON body as the
//! `requestBody`; parameters bound nowhere (and credential parameters) go
//! where the API's wire puts them, the query string for a `GET`.

use serde_json::{Value, json};

use super::request::{Request, add_body_credentials_to, add_property, body, query_parameters};
use crate::export::markdown;
use crate::export::schema::{self, Direction, Values};
use crate::ir::{
    Api, HttpMethod, Member, Method, MethodBinding, MethodName, ParamEncoding, ParamPlace,
    Workspace,
};

/// The HTTP method `method` is sent with.
pub(super) fn http_method_of(api: &Api, method: &Method) -> HttpMethod {
    method
        .binding
        .as_ref()
        .and_then(|b| b.http_method)
        .unwrap_or(api.wire.http_method)
}

/// Where one parameter of a bound call travels.
fn place_of(api: &Api, binding: &MethodBinding, member: &Member, has_body: bool) -> ParamPlace {
    if let Some(bound) = binding
        .params
        .iter()
        .find(|p| p.wire_name == member.wire_name)
    {
        return bound.place.clone();
    }
    default_place(api, has_body)
}

/// Where the API's wire puts what a binding does not place.
fn default_place(api: &Api, has_body: bool) -> ParamPlace {
    match api.wire.params {
        _ if !has_body => ParamPlace::Query,
        ParamEncoding::Json { .. } => ParamPlace::Json,
        ParamEncoding::Query => ParamPlace::Query,
        ParamEncoding::Form => ParamPlace::Form,
    }
}

pub(super) fn request(
    workspace: &Workspace,
    api: &Api,
    method: &Method,
    binding: &MethodBinding,
) -> Request {
    let has_body = http_method_of(api, method) != HttpMethod::Get;
    let mut request = Request::default();
    let mut query: Vec<Member> = Vec::new();
    let mut form: Vec<Member> = Vec::new();
    let mut json: Vec<Member> = Vec::new();
    let mut whole_body: Option<&Member> = None;
    for member in &method.params {
        match place_of(api, binding, member, has_body) {
            ParamPlace::Path => {
                request
                    .parameters
                    .push(single(member, "path", &member.wire_name, true))
            }
            ParamPlace::Header { name, .. } => {
                request
                    .parameters
                    .push(single(member, "header", &name, member.required));
            }
            ParamPlace::Query => query.push(member.clone()),
            ParamPlace::Form => form.push(member.clone()),
            ParamPlace::Json => json.push(member.clone()),
            ParamPlace::Body => whole_body = Some(member),
        }
    }

    // The method's name, for APIs that send it beside the parameters.
    let name_value = json!({ "type": "string", "const": method.wire_name });
    let mut name_in_form = None;
    match &api.wire.method_name {
        MethodName::Path => {}
        MethodName::Form(name) if has_body => name_in_form = Some(name),
        MethodName::Query(name) | MethodName::Form(name) => request.parameters.push(json!({
            "name": name, "in": "query", "required": true, "schema": name_value,
        })),
    }
    request
        .parameters
        .extend(query_parameters(workspace, api, &query));

    let credentials = default_place(api, has_body);
    if credentials == ParamPlace::Query && super::request::credentials_in_body(api) {
        // A bound GET of an API that sends credentials in the body: they
        // join the query, where no security scheme of the API places them.
        for (wire_name, credential) in &api.wire.credential_params {
            request.parameters.push(json!({
                "name": wire_name,
                "in": "query",
                "required": true,
                "schema": { "type": "string", "writeOnly": true, "x-hostapi-credential": credential },
            }));
        }
    }

    request.body = if let Some(member) = whole_body {
        let mut schema = schema::member_schema(member, Direction::Sent, Values::Json);
        if let Value::Object(keywords) = &mut schema {
            keywords.remove("description");
        }
        let mut body = body("application/json", schema);
        body["required"] = member.required.into();
        if let Some(doc) = &member.doc {
            body["description"] = markdown(doc).into();
        }
        Some(body)
    } else if !json.is_empty()
        || (has_body && matches!(api.wire.params, ParamEncoding::Json { .. }))
    {
        let mut members = schema::object(&json, Direction::Sent, Values::Json);
        if credentials == ParamPlace::Json {
            add_body_credentials_to(api, &mut members);
        }
        let content = match &api.wire.params {
            ParamEncoding::Json {
                envelope: Some(envelope),
            } => {
                let mut wrapper = json!({ "type": "object", "properties": {} });
                add_property(&mut wrapper, envelope, members, true);
                wrapper
            }
            _ => members,
        };
        Some(body("application/json", content))
    } else if !form.is_empty()
        || name_in_form.is_some()
        || (has_body && api.wire.params == ParamEncoding::Form)
    {
        let mut fields = schema::object(&form, Direction::Sent, Values::Pairs);
        if let Some(name) = name_in_form {
            add_property(&mut fields, name, name_value, true);
        }
        if credentials == ParamPlace::Form {
            add_body_credentials_to(api, &mut fields);
        }
        Some(body("application/x-www-form-urlencoded", fields))
    } else {
        None
    };
    request
}

/// A path or header parameter: one scalar under `name`.
fn single(member: &Member, place: &str, name: &str, required: bool) -> Value {
    let mut schema = schema::member_schema(member, Direction::Sent, Values::Pairs);
    if let Value::Object(keywords) = &mut schema {
        keywords.remove("description");
    }
    let mut parameter = json!({ "name": name, "in": place, "required": required });
    if let Some(doc) = &member.doc {
        parameter["description"] = markdown(doc).into();
    }
    parameter["schema"] = schema;
    parameter
}
