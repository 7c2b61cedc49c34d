//! Writing answers in each API's own format: a JSON object, or eNom-style
//! key/value text, HTML or XML; errors as the API's error rule recognises
//! them (Liquid Web's `error_class` with nested `LW::Exception::Input::*`
//! errors, eNom's `ErrCount`/`Err1..N`, Sive.Host's `result: error`).
//! Every value written into markup is escaped.

use serde_json::{Map, Value, json};

use super::check::{Rule, Violation};
use super::incoming::KeyValueStyle;
use crate::ir::{Api, ErrorRule, ResponseFormat, StatusMatch, StatusOutcome, StatusRule};

/// An answer before encoding.
#[derive(Clone, Debug)]
pub struct RawResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn plain(status: u16, text: &str) -> RawResponse {
        RawResponse {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
        }
    }
}

/// A documented error to send: its class (or message, for APIs matched by
/// message), a human-readable message and any class-specific fields.
#[derive(Clone, Debug)]
pub struct Failure {
    pub class: String,
    pub message: String,
    pub fields: Map<String, Value>,
    /// One message per problem, for APIs that number them (eNom).
    pub messages: Vec<String>,
}

impl Failure {
    pub fn new(class: impl Into<String>, message: impl Into<String>) -> Failure {
        let message = message.into();
        Failure {
            class: class.into(),
            messages: vec![message.clone()],
            message,
            fields: Map::new(),
        }
    }
}

/// The first documented error whose key holds one of `needles` (ASCII
/// case ignored), tried in order.
pub fn catalog_key(api: &Api, needles: &[&str]) -> Option<String> {
    needles.iter().find_map(|needle| {
        api.errors
            .iter()
            .find(|e| e.key.to_ascii_lowercase().contains(needle))
            .map(|e| e.key.clone())
    })
}

/// The error for refused parameters: Liquid Web's `Input::Multiple` with
/// one nested error per violation where the catalogue has those classes,
/// else one message naming each violation.
pub fn invalid_params(api: &Api, violations: &[Violation]) -> Failure {
    let lines: Vec<String> = violations
        .iter()
        .map(|v| format!("{}: {}", v.field, v.message))
        .collect();
    let summary = format!("Invalid parameters: {}", lines.join("; "));
    let Some(multiple) = catalog_key(api, &["input::multiple"]) else {
        let class =
            catalog_key(api, &["input", "invalid param"]).unwrap_or_else(|| summary.clone());
        let mut failure = Failure::new(class, summary);
        failure.messages = lines;
        return failure;
    };
    let required = catalog_key(api, &["input::required"]);
    let invalid = catalog_key(api, &["input::validation", "input"]);
    let ErrorRule::FieldPresent { field, message } = &api.wire.error else {
        return Failure::new(multiple, summary);
    };
    let nested: Vec<Value> = violations
        .iter()
        .zip(&lines)
        .map(|(v, line)| {
            let class = match v.rule {
                Rule::Required | Rule::RequiredIf => required.clone(),
                Rule::Invalid => invalid.clone(),
            }
            .unwrap_or_else(|| multiple.clone());
            let mut error = Map::new();
            error.insert(field.clone(), json!(class));
            if let Some(message) = message {
                error.insert(message.clone(), json!(line));
            }
            error.insert("field".into(), json!(v.field));
            Value::Object(error)
        })
        .collect();
    let mut failure = Failure::new(multiple, summary);
    let names: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
    failure.fields.insert("errors".into(), Value::Array(nested));
    failure.fields.insert("field".into(), json!(names));
    failure.messages = lines;
    failure
}

/// An error answer in `api`'s format.
pub fn error(api: &Api, failure: &Failure, method_name: &str, style: KeyValueStyle) -> RawResponse {
    let mut object = Map::new();
    match &api.wire.error {
        ErrorRule::FieldPresent { field, message } => {
            object.insert(field.clone(), json!(failure.class));
            if let Some(message) = message {
                object.insert(message.clone(), json!(failure.message));
            }
            for (k, v) in &failure.fields {
                object.insert(k.clone(), v.clone());
            }
        }
        ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => {
            object.insert(field.clone(), json!(value));
            object.insert(message.clone(), json!(failure.class));
        }
        ErrorRule::CountAbove {
            field,
            message_prefix,
            ..
        } => {
            object.insert("Command".into(), json!(method_name.to_ascii_uppercase()));
            object.insert(field.clone(), json!(failure.messages.len().to_string()));
            for (i, text) in failure.messages.iter().enumerate() {
                object.insert(format!("{message_prefix}{}", i + 1), json!(text));
            }
            object.insert("Done".into(), json!("true"));
        }
    }
    let mut response = encode(api, object, style);
    response.status = error_status(api, &failure.class);
    response
}

/// The HTTP status the API's `wire.statuses` gives the documented error
/// `class` (a code mapped to it; else a status of a class mapped to it, or
/// for `default` a server error, that no more specific entry claims), and
/// 200 where no entry names it: the error is then recognised in the body.
pub fn error_status(api: &Api, class: &str) -> u16 {
    let names_it =
        |rule: &&StatusRule| matches!(&rule.outcome, StatusOutcome::Error(key) if key == class);
    // A status a more specific entry than `by_class`'s kind claims: a
    // class rule yields to codes, `default` to codes and classes.
    let claimed = |status: u16, by_class: bool| {
        api.statuses.iter().any(|rule| match rule.status {
            StatusMatch::Code(code) => code == status,
            StatusMatch::Class(c) => by_class && u16::from(c) == status / 100,
            StatusMatch::Default => false,
        })
    };
    let free_in = |class: u16, by_class: bool| {
        (class * 100..class * 100 + 100).find(|s| !claimed(*s, by_class))
    };
    let mut rules: Vec<&StatusRule> = api.statuses.iter().filter(names_it).collect();
    // The most specific entry first, as the runtime matches them.
    rules.sort_by_key(|rule| match rule.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Class(_) => 1,
        StatusMatch::Default => 2,
    });
    rules
        .iter()
        .find_map(|rule| match rule.status {
            StatusMatch::Code(code) => Some(code),
            StatusMatch::Class(c) => free_in(u16::from(c), false),
            StatusMatch::Default => free_in(5, true).or_else(|| free_in(4, true)),
        })
        .unwrap_or(200)
}

/// A successful answer: `values` plus what marks success under the
/// API's error rule (eNom's `ErrCount=0`).
pub fn success(
    api: &Api,
    mut values: Map<String, Value>,
    method_name: &str,
    style: KeyValueStyle,
) -> RawResponse {
    match &api.wire.error {
        // A synthesized value must not read as an error.
        ErrorRule::FieldPresent { field, .. } => {
            values.remove(field);
        }
        ErrorRule::FieldEquals { field, value, .. } => {
            let reads_as_error = values
                .get(field)
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case(value));
            // A key/value answer needs one pair to be read at all (an empty
            // XML root is refused), so a method returning nothing gets the
            // rule's field with a value that is no error.
            let unreadable = values.is_empty() && api.wire.response == ResponseFormat::KeyValue;
            if reads_as_error || unreadable {
                values.insert(field.clone(), json!("success"));
            }
        }
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => {
            // No numbered error entries in a success: a client reads any.
            let prefixes: Vec<&str> = [
                Some(message_prefix),
                number_prefix.as_ref(),
                text_prefix.as_ref(),
            ]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
            values.retain(|key, _| !prefixes.iter().any(|p| is_numbered(key, p)));
            values.insert(field.clone(), json!("0"));
            values.insert("Command".into(), json!(method_name.to_ascii_uppercase()));
            values.insert("Done".into(), json!("true"));
        }
    }
    encode(api, values, style)
}

/// A documented example, as the spec gives it: the loader made sure it
/// does not read as an error, and nothing is added to it.
pub fn example(api: &Api, values: Map<String, Value>, style: KeyValueStyle) -> RawResponse {
    encode(api, values, style)
}

/// A plain-text answer (`response: text`): the field's value is the
/// whole body.
pub fn text(value: Option<&Value>) -> RawResponse {
    let body = match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    RawResponse {
        status: 200,
        content_type: "text/plain; charset=utf-8",
        body: body.into_bytes(),
    }
}

/// Whether `key` is `prefix` and a number (`Err2` for `Err`).
fn is_numbered(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn encode(api: &Api, object: Map<String, Value>, style: KeyValueStyle) -> RawResponse {
    match api.wire.response {
        ResponseFormat::Json => RawResponse {
            status: 200,
            content_type: "application/json",
            body: serde_json::to_vec(&Value::Object(object)).unwrap_or_default(),
        },
        ResponseFormat::KeyValue => key_value(&object, style),
    }
}

/// Flat `key=value` answers; nested values are written as JSON text.
fn key_value(object: &Map<String, Value>, style: KeyValueStyle) -> RawResponse {
    let pairs = object.iter().map(|(k, v)| {
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        (k.as_str(), text)
    });
    let (content_type, body) = match style {
        KeyValueStyle::Text => {
            let mut body = String::new();
            for (k, v) in pairs {
                // A line break inside a value would start a new pair.
                body.push_str(&format!("{k}={}\r\n", v.replace(['\r', '\n'], " ")));
            }
            ("text/plain; charset=utf-8", body)
        }
        KeyValueStyle::Html => {
            let mut body = String::from("<html><body>\r\n");
            for (k, v) in pairs {
                body.push_str(&format!("{}: {}<br>\r\n", escape(k), escape(&v)));
            }
            body.push_str("</body></html>\r\n");
            ("text/html; charset=utf-8", body)
        }
        KeyValueStyle::Xml => {
            let mut body = String::from(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<interface-response>\r\n",
            );
            for (k, v) in pairs {
                let tag = xml_name(k);
                body.push_str(&format!("<{tag}>{}</{tag}>\r\n", escape(&v)));
            }
            body.push_str("</interface-response>\r\n");
            ("text/xml; charset=utf-8", body)
        }
    };
    RawResponse {
        status: 200,
        content_type,
        body: body.into_bytes(),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A key as an XML element name: characters a name cannot hold become `_`.
fn xml_name(key: &str) -> String {
    let name: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name
    } else {
        format!("_{name}")
    }
}
