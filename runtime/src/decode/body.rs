//! From a response body to a typed response or error: the client's last
//! step, public so that it can be exercised without a server.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Mode;
use crate::error::{ApiErrorType, DecodeError, Error, RawApiError, RawBody};
use crate::keyvalue;
use crate::wire::{
    ApiDescriptor, ErrorRule, MethodDescriptor, ResponseFormat, StatusOutcome, status_outcome,
};

/// Decodes the body of a response to `api`'s `method` that arrived with
/// HTTP `status`: a status the spec maps to a documented error
/// ([`ApiDescriptor::statuses`]) is that error, its fields read from the
/// body; API errors are recognised per the wire's
/// [`ErrorRule`] (JSON APIs: even on a non-2xx
/// status); any other status that is no success is [`Error::Status`]; a
/// 204 or 205 reads as an object without fields;
/// then
/// reads the body as `Resp` in `mode` (see the [module docs](super)),
/// logging a `tracing` warning per violation kept.
pub fn response<Resp, E>(
    api: &ApiDescriptor,
    method: &MethodDescriptor,
    status: u16,
    body: RawBody,
    mode: Mode,
) -> Result<Resp, Error<E>>
where
    Resp: DeserializeOwned,
    E: ApiErrorType,
{
    response_with_headers(api, method, status, &[], body, mode)
}

/// [`response`] for a response that carried `headers`, the values of the
/// method's [`headers`](MethodDescriptor::headers) as (field, value): each
/// becomes its field, a string like every key/value field, in place of
/// anything the body holds under that name.
pub fn response_with_headers<Resp, E>(
    api: &ApiDescriptor,
    method: &MethodDescriptor,
    status: u16,
    headers: &[(&'static str, String)],
    body: RawBody,
    mode: Mode,
) -> Result<Resp, Error<E>>
where
    Resp: DeserializeOwned,
    E: ApiErrorType,
{
    let (mut object, body) = match method.text_body {
        Some(field) => super::text::fields(api, method, field, status, headers, body, mode)?,
        None => fields(api, status, headers, body)?,
    };
    for (field, value) in headers {
        object.insert((*field).to_owned(), Value::String(value.clone()));
    }
    let wire = &api.wire;
    if wire.response == ResponseFormat::KeyValue || !method.series.is_empty() {
        keyvalue::collect_series(&mut object, method.series);
    }
    match super::read(Value::Object(object), mode) {
        Ok((response, found)) => {
            super::warn(api.name, method.wire_name, &found);
            Ok(response)
        }
        Err(e) if is_blank(body.as_bytes()) => {
            let message = format!("the response body is empty, but the method returns fields: {e}");
            Err(Error::Decode(DecodeError::new(message, body)))
        }
        Err(e) => {
            let message = format!("the response does not have the expected shape: {e}");
            Err(Error::Decode(DecodeError::new(message, body)))
        }
    }
}

/// The body of a response to `api`'s `method` that arrived with HTTP
/// `status`, as received, once [`response`]'s checks pass: not an API error
/// per the wire's error rule, not another non-2xx status, a body of the
/// wire's format. Nothing is read into a type (`hostapi-codegen call --raw`
/// prints it).
pub fn received<E>(
    api: &ApiDescriptor,
    method: &MethodDescriptor,
    status: u16,
    body: RawBody,
    mode: Mode,
) -> Result<RawBody, Error<E>>
where
    E: ApiErrorType,
{
    match method.text_body {
        Some(field) => super::text::fields(api, method, field, status, &[], body, mode),
        None => fields(api, status, &[], body),
    }
    .map(|(_, body)| body)
}

/// The fields of a body that is not an error, and the body.
///
/// The status is judged first by the spec's `wire.statuses`
/// ([`status_outcome`]), then by default (2xx succeeds). A body the wire's
/// error rule recognises is that error, whatever the status says, because
/// the body names the error more precisely than its status.
pub(super) fn fields<E: ApiErrorType>(
    api: &ApiDescriptor,
    status: u16,
    headers: &[(&'static str, String)],
    body: RawBody,
) -> Result<(Map<String, Value>, RawBody), Error<E>> {
    let wire = &api.wire;
    let outcome = status_outcome(api.statuses, status);
    let success = match outcome {
        Some(StatusOutcome::Success) => true,
        Some(StatusOutcome::Error(class)) => {
            let raw = status_error(api, class, status, &body);
            return Err(api_error(raw, headers));
        }
        None => (200..300).contains(&status),
    };
    // No content: a method that returns nothing reads an empty object. An
    // empty body with another status stays unreadable: a 200 without a body
    // says nothing about whether the call succeeded.
    if success && matches!(status, 204 | 205) {
        return Ok((Map::new(), body));
    }
    let object = match wire.response {
        ResponseFormat::Json => {
            let parsed = serde_json::from_slice::<Value>(body.as_bytes());
            if let Ok(Value::Object(object)) = &parsed
                && let Some(raw) = RawApiError::recognize(&wire.error, object, status)
            {
                return Err(api_error(raw, headers));
            }
            if !success {
                return Err(Error::Status { status, body });
            }
            match parsed {
                Ok(Value::Object(object)) => object,
                Ok(other) => {
                    let message =
                        format!("expected a JSON object, got {}", super::json_kind(&other));
                    return Err(Error::Decode(DecodeError::new(message, body)));
                }
                Err(e) => {
                    let message = format!("the response is not valid JSON: {e}");
                    return Err(Error::Decode(DecodeError::new(message, body)));
                }
            }
        }
        ResponseFormat::KeyValue => {
            if !success {
                return Err(Error::Status { status, body });
            }
            let text = String::from_utf8_lossy(body.as_bytes());
            let decoded = keyvalue::decode_str(&text);
            drop(text);
            let object = match decoded {
                Ok(object) => object,
                Err(message) => return Err(Error::Decode(DecodeError::new(message, body))),
            };
            if let Some(raw) = RawApiError::recognize(&wire.error, &object, status) {
                return Err(api_error(raw, headers));
            }
            object
        }
    };
    Ok((object, body))
}

/// An API error, with the values of the method's response headers among
/// its fields (a header wins over a body key of the same name, as in a
/// success): a documented error's field of that name reads them, so a
/// `Retry-After` on a 429 reaches the typed error.
pub(super) fn api_error<E: ApiErrorType>(
    mut raw: RawApiError,
    headers: &[(&'static str, String)],
) -> Error<E> {
    for (field, value) in headers {
        raw.fields
            .insert((*field).to_owned(), Value::String(value.clone()));
    }
    Error::Api(E::from_raw(raw))
}

/// The error a status maps to (`class`, a documented error's key), read
/// from whatever the body holds: an error the wire's rule recognises in it
/// wins (given `class` when it names none); else the body's fields become the error's fields (its message the
/// rule's message field); a body that is no object, such as plain text,
/// becomes the message (its first 512 characters), unless it may hold a
/// secret. A body that cannot be
/// read still gives the documented error, without fields: the status alone
/// says which error it is.
fn status_error(api: &ApiDescriptor, class: &str, status: u16, body: &RawBody) -> RawApiError {
    let object = match api.wire.response {
        ResponseFormat::Json => match serde_json::from_slice::<Value>(body.as_bytes()) {
            Ok(Value::Object(object)) => Some(object),
            _ => None,
        },
        ResponseFormat::KeyValue => keyvalue::decode_str(&body.text_lossy()).ok(),
    };
    if let Some(object) = &object
        && let Some(mut raw) = RawApiError::recognize(&api.wire.error, object, status)
    {
        // A body that reports an error without a class (eNom's) is the
        // status's error.
        raw.class.get_or_insert_with(|| class.to_owned());
        return raw;
    }
    let message = match &object {
        Some(object) => message_field(&api.wire.error)
            .and_then(|name| object.get(name))
            .and_then(|value| value.as_str().map(str::to_owned)),
        None if !body.is_sensitive() => {
            let text = body.text_lossy();
            let text = text.trim();
            // An error page can be long; the whole body stays in no field,
            // but the message is meant to be read.
            let cut = text
                .char_indices()
                .nth(MAX_TEXT_MESSAGE_CHARS)
                .map_or(text.len(), |(i, _)| i);
            let ellipsis = if cut < text.len() { "…" } else { "" };
            (!text.is_empty()).then(|| format!("{}{ellipsis}", &text[..cut]))
        }
        None => None,
    };
    RawApiError {
        class: Some(class.to_owned()),
        message,
        fields: object.unwrap_or_default(),
        details: Vec::new(),
        status,
    }
}

/// Longest message taken from a plain-text error body, in characters.
const MAX_TEXT_MESSAGE_CHARS: usize = 512;

/// The field holding an error's message under `rule`, if it names one.
fn message_field(rule: &ErrorRule) -> Option<&'static str> {
    match *rule {
        ErrorRule::FieldPresent { message, .. } => message,
        ErrorRule::FieldEquals { message, .. } => Some(message),
        ErrorRule::CountAbove { .. } => None,
    }
}

/// Whether a body holds nothing but whitespace.
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}
