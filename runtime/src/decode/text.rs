//! Plain-text success answers ([`MethodDescriptor::text_body`]): the whole
//! body becomes the one field it names. What is not a success is judged as
//! for any other method, and a success body that the API's error rule
//! recognises in the API's own format (eNom's `ErrCount=1` text, an XML
//! `<Status>ERROR</Status>`) is still that error, since such APIs answer
//! errors with HTTP 200.
//!
//! The text is UTF-8: a leading byte-order mark is dropped; invalid
//! sequences are each replaced by U+FFFD (Unicode's "maximal subpart"
//! practice, as `String::from_utf8_lossy` does) and logged in a tolerant
//! read, or make the response a decode error in a strict one. A charset
//! other than UTF-8 in `Content-Type` is not honoured.

use serde_json::{Map, Value};

use super::Mode;
use crate::error::{ApiErrorType, DecodeError, Error, RawApiError, RawBody};
use crate::keyvalue;
use crate::wire::{ApiDescriptor, MethodDescriptor, ResponseFormat, StatusOutcome, status_outcome};

/// The fields of a text answer of `method` (one: `field`, the body), or
/// the error the answer is.
pub(super) fn fields<E: ApiErrorType>(
    api: &ApiDescriptor,
    method: &MethodDescriptor,
    field: &'static str,
    status: u16,
    headers: &[(&'static str, String)],
    body: RawBody,
    mode: Mode,
) -> Result<(Map<String, Value>, RawBody), Error<E>> {
    let success = match status_outcome(api.statuses, status) {
        Some(StatusOutcome::Success) => true,
        Some(StatusOutcome::Error(_)) => false,
        None => (200..300).contains(&status),
    };
    if !success {
        // Errors by status, by body, or a bare status: as for every method.
        return super::body::fields(api, status, headers, body);
    }
    if let Some(raw) = body_error(api, status, &body) {
        return Err(super::body::api_error(raw, headers));
    }
    let bytes = body.as_bytes();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) if mode == Mode::Strict => {
            let message = "the text response is not valid UTF-8".to_owned();
            return Err(Error::Decode(DecodeError::new(message, body)));
        }
        Err(_) => {
            tracing::warn!(
                api = api.name,
                method = method.wire_name,
                "text response is not valid UTF-8; invalid bytes replaced by U+FFFD"
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let mut object = Map::new();
    object.insert(field.to_owned(), Value::String(text));
    Ok((object, body))
}

/// The API error a success body reports in the API's own format, if it
/// reads in that format at all.
fn body_error(api: &ApiDescriptor, status: u16, body: &RawBody) -> Option<RawApiError> {
    let object = match api.wire.response {
        ResponseFormat::Json => match serde_json::from_slice::<Value>(body.as_bytes()) {
            Ok(Value::Object(object)) => object,
            _ => return None,
        },
        ResponseFormat::KeyValue => keyvalue::decode_str(&body.text_lossy()).ok()?,
    };
    RawApiError::recognize(&api.wire.error, &object, status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{
        ErrorRule, HttpMethod, MethodName, ParamEncoding, StatusMatch, StatusRule, Wire,
    };

    const fn api(response: ResponseFormat, error: ErrorRule) -> ApiDescriptor {
        ApiDescriptor {
            name: "t",
            title: "T",
            default_base_url: "https://api.example.test",
            wire: Wire {
                http_method: HttpMethod::Get,
                method_name: MethodName::Path,
                params: ParamEncoding::Query,
                basic_auth: None,
                credential_params: &[],
                auth_schemes: &[],
                response,
                error,
            },
            session: None,
            statuses: &[StatusRule {
                status: StatusMatch::Code(404),
                outcome: StatusOutcome::Error("NotFound"),
            }],
            servers: &[],
        }
    }

    static JSON: ApiDescriptor = api(
        ResponseFormat::Json,
        ErrorRule::FieldPresent {
            field: "error_class",
            message: None,
        },
    );
    static KEY_VALUE: ApiDescriptor = api(
        ResponseFormat::KeyValue,
        ErrorRule::CountAbove {
            field: "ErrCount",
            message_prefix: "Err",
            number_prefix: None,
            text_prefix: None,
        },
    );
    static ZONE: MethodDescriptor = MethodDescriptor {
        section: "Zone",
        name: "file",
        wire_name: "Zone/file",
        idempotent: true,
        returns_secrets: false,
        series: &[],
        binding: None,
        headers: &[],
        text_body: Some("zone"),
    };

    fn read(
        api: &ApiDescriptor,
        status: u16,
        body: &[u8],
        mode: Mode,
    ) -> Result<Map<String, Value>, Box<Error<RawApiError>>> {
        crate::decode::response(api, &ZONE, status, RawBody::new(body), mode).map_err(Box::new)
    }

    #[test]
    fn the_body_is_the_field() {
        for api in [&JSON, &KEY_VALUE] {
            let text = read(api, 200, b"\xEF\xBB\xBF$ORIGIN a.\n", Mode::Strict).unwrap();
            assert_eq!(text["zone"], "$ORIGIN a.\n");
            // JSON that is no error is text too.
            let text = read(api, 200, br#"{"zone": 1}"#, Mode::Strict).unwrap();
            assert_eq!(text["zone"], r#"{"zone": 1}"#);
        }
        let empty = read(&JSON, 204, b"", Mode::Strict).unwrap();
        assert_eq!(empty["zone"], "");
    }

    #[test]
    fn invalid_utf8_is_replaced_when_tolerant_and_refused_when_strict() {
        let read_tolerant = read(&JSON, 200, b"caf\xE9 \xF0\x9F", Mode::Tolerant).unwrap();
        assert_eq!(read_tolerant["zone"], "caf\u{fffd} \u{fffd}");
        let strict = read(&JSON, 200, b"caf\xE9", Mode::Strict).unwrap_err();
        assert!(matches!(*strict, Error::Decode(_)), "{strict:?}");
    }

    #[test]
    fn errors_by_status_and_in_the_apis_own_format() {
        let error = read(&JSON, 404, b"no such zone", Mode::Tolerant).unwrap_err();
        assert!(
            matches!(&*error, Error::Api(raw) if raw.class.as_deref() == Some("NotFound")
                && raw.message.as_deref() == Some("no such zone")),
            "{error:?}"
        );
        let error = read(&JSON, 500, b"oops", Mode::Tolerant).unwrap_err();
        assert!(
            matches!(&*error, Error::Status { status: 500, .. }),
            "{error:?}"
        );
        let error = read(&JSON, 200, br#"{"error_class":"Denied"}"#, Mode::Tolerant).unwrap_err();
        assert!(
            matches!(&*error, Error::Api(raw) if raw.class.as_deref() == Some("Denied")),
            "{error:?}"
        );
        let error = read(
            &KEY_VALUE,
            200,
            b"ErrCount=1\nErr1=Bad zone\n",
            Mode::Tolerant,
        )
        .unwrap_err();
        assert!(
            matches!(&*error, Error::Api(raw) if raw.message.as_deref() == Some("Bad zone")),
            "{error:?}"
        );
    }
}
