//! A method's responses and the API's error components. The APIs answer a
//! failed call with HTTP 200 too, told apart by the error rule, so each
//! operation has one `200` response that may be either.

use serde_json::{Map, Value, json};

use crate::export::markdown;
use crate::export::schema::{self, Direction, Values, component_ref};
use crate::ir::{Api, ErrorRule, Member, Method, ResponseFormat, StatusMatch, StatusOutcome};

/// The component every error response matches, and the prefix of each
/// documented error's component. Named types are Rust identifiers, so a
/// name with a dot never collides with one.
const ERROR_COMPONENT: &str = "hostapi.Error";

/// The one response: the API answers a call, success or documented error,
/// with HTTP 200, told apart by its error rule (`x-hostapi-wire.error`).
pub(super) fn responses(api: &Api, method: &Method) -> Value {
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
    let errors = answers[1..].to_vec();
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
    let headers = response_headers(method);
    let mut answer = match text_member(method) {
        Some(member) => text_answer(api, member, errors),
        None => json!({
            "description": description,
            "content": { media_type: Value::Object(media) },
        }),
    };
    if !headers.is_empty() {
        answer["headers"] = Value::Object(headers.clone());
    }
    let mut responses = Map::new();
    responses.insert("200".into(), answer);
    // What `wire.statuses` maps: a success like the 200 answer, or the
    // documented error the runtime reads from the body.
    for rule in &api.statuses {
        let key = match rule.status {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Class(class) => format!("{class}XX"),
            StatusMatch::Default => "default".to_string(),
        };
        let answer = match &rule.outcome {
            StatusOutcome::Success => responses["200"].clone(),
            StatusOutcome::Error(class) => {
                let schema = api.errors.iter().find(|e| &e.key == class).map_or_else(
                    || component_ref(ERROR_COMPONENT),
                    |e| component_ref(&format!("{ERROR_COMPONENT}.{}", e.rust_name)),
                );
                json!({
                    "description": format!("The documented error `{}`.", markdown(class)),
                    "content": { media_type: { "schema": schema } },
                })
            }
        };
        responses.entry(key).or_insert(answer);
    }
    Value::Object(responses)
}

/// The returned field a plain-text answer fills (`response: text`).
fn text_member(method: &Method) -> Option<&Member> {
    let field = method.text_body.as_ref()?;
    method.returns.iter().find(|m| &m.wire_name == field)
}

/// A plain-text success (`response: text`): `text/plain` holding the
/// field's value, beside `errors` in the API's own format, since the API
/// may still answer an error with HTTP 200.
fn text_answer(api: &Api, member: &Member, errors: Vec<Value>) -> Value {
    let text = schema::type_ref(&member.ty, Values::Json);
    let description = format!(
        "The method's answer as plain text, the whole body being the returned field `{}`; \
         or one of the API's errors.",
        markdown(&member.wire_name)
    );
    let content = match api.wire.response {
        ResponseFormat::Json => json!({
            "text/plain": { "schema": text },
            "application/json": { "schema": { "anyOf": errors } },
        }),
        ResponseFormat::KeyValue => {
            let mut answers = vec![text];
            answers.extend(errors);
            json!({ "text/plain": { "schema": { "anyOf": answers } } })
        }
    };
    json!({ "description": description, "content": content })
}

/// The returned fields read from response headers (`header:`), as the
/// response's `headers`.
fn response_headers(method: &Method) -> Map<String, Value> {
    method
        .response_headers
        .iter()
        .map(|(header, field)| {
            (
                header.clone(),
                json!({
                    "description": format!("Read into the returned field `{}`.", markdown(field)),
                    "schema": { "type": "string" },
                }),
            )
        })
        .collect()
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

/// The error every failed call matches, and each documented error.
pub(super) fn error_components(api: &Api, schemas: &mut Map<String, Value>) {
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
                    crate::export::pattern::series_keys(&format!("{prefix}{{n}}")),
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
