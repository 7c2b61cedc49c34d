//! A method's responses and the API's error components. The APIs answer a
//! failed call with HTTP 200 too, told apart by the error rule, so each
//! operation has one `200` response that may be either.

use serde_json::{Map, Value, json};

use crate::export::markdown;
use crate::export::schema::{self, Direction, Values, component_ref};
use crate::ir::{Api, ErrorRule, Method, ResponseFormat};

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
