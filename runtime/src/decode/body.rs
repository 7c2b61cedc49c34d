//! From a response body to a typed response or error: the client's last
//! step, public so that it can be exercised without a server.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Mode;
use crate::error::{ApiErrorType, DecodeError, Error, RawApiError, RawBody};
use crate::keyvalue;
use crate::wire::{ApiDescriptor, MethodDescriptor, ResponseFormat};

/// Decodes the body of a response to `api`'s `method` that arrived with
/// HTTP `status`: recognises API errors per the wire's
/// [`ErrorRule`](crate::wire::ErrorRule) (JSON APIs: even on a non-2xx
/// status), reports any other non-2xx status as [`Error::Status`], then
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
    let (mut object, body) = fields(api, status, body)?;
    let wire = &api.wire;
    if wire.response == ResponseFormat::KeyValue || !method.series.is_empty() {
        keyvalue::collect_series(&mut object, method.series);
    }
    match super::read(Value::Object(object), mode) {
        Ok((response, found)) => {
            super::warn(api.name, method.wire_name, &found);
            Ok(response)
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
    _method: &MethodDescriptor,
    status: u16,
    body: RawBody,
    _mode: Mode,
) -> Result<RawBody, Error<E>>
where
    E: ApiErrorType,
{
    fields(api, status, body).map(|(_, body)| body)
}

/// The fields of a body that is not an error, and the body.
fn fields<E: ApiErrorType>(
    api: &ApiDescriptor,
    status: u16,
    body: RawBody,
) -> Result<(Map<String, Value>, RawBody), Error<E>> {
    let wire = &api.wire;
    let success = (200..300).contains(&status);
    let object = match wire.response {
        ResponseFormat::Json => {
            let parsed = serde_json::from_slice::<Value>(body.as_bytes());
            if let Ok(Value::Object(object)) = &parsed
                && let Some(raw) = RawApiError::recognize(&wire.error, object, status)
            {
                return Err(Error::Api(E::from_raw(raw)));
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
                return Err(Error::Api(E::from_raw(raw)));
            }
            object
        }
    };
    Ok((object, body))
}
