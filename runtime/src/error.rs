//! Errors returned by [`Client::call`](crate::Client::call).

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::decode::{self, Mode};
use crate::validate::ValidationError;
use crate::wire::ErrorRule;

/// How many characters of a body `Display`/`Debug` show.
const BODY_PREVIEW_CHARS: usize = 512;

/// Everything that can go wrong in a call. `E` is the API's error type
/// (generated, or [`RawApiError`] itself).
#[non_exhaustive]
#[derive(Debug)]
pub enum Error<E> {
    /// The request broke its declared constraints; nothing was sent.
    Validation(ValidationError),
    /// The request could not be encoded (it did not serialize to a JSON
    /// object of encodable values); nothing was sent.
    Encode(EncodeError),
    /// Connecting, sending or receiving failed, timed out, or the response
    /// was larger than allowed.
    Transport(TransportError),
    /// A non-2xx status whose body is not a recognisable API error.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The response body.
        body: RawBody,
    },
    /// The API reported an error.
    Api(E),
    /// The response could not be decoded into the expected shape.
    Decode(DecodeError),
}

impl<E> Error<E> {
    /// Whether this is a timeout.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(t) if t.is_timeout())
    }

    /// The API error, if this is one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The raw response body, for [`Error::Status`] and [`Error::Decode`].
    pub fn raw_body(&self) -> Option<&RawBody> {
        match self {
            Error::Status { body, .. } => Some(body),
            Error::Decode(d) => Some(&d.body),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "invalid request: {e}"),
            Error::Encode(e) => write!(f, "could not encode the request: {e}"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Status { status, body } => write!(f, "HTTP status {status}: {body}"),
            Error::Api(e) => write!(f, "API error: {e}"),
            Error::Decode(e) => write!(f, "could not decode the response: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Encode(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Decode(e) => Some(e),
            Error::Status { .. } | Error::Api(_) => None,
        }
    }
}

/// A response body, kept for diagnosis. `Display` and `Debug` show at most
/// 512 characters, then "… (N bytes total)"; a body that may hold a secret
/// (the response of a method that returns one, see
/// [`MethodDescriptor::returns_secrets`](crate::wire::MethodDescriptor::returns_secrets))
/// shows as `[REDACTED: N bytes]`. [`RawBody::as_bytes`] always gives the
/// bytes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawBody {
    bytes: Vec<u8>,
    sensitive: bool,
}

impl RawBody {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        RawBody {
            bytes: bytes.into(),
            sensitive: false,
        }
    }

    /// Wraps bytes that may hold a secret: never shown by `Debug` or
    /// `Display`.
    pub fn sensitive(bytes: impl Into<Vec<u8>>) -> Self {
        RawBody {
            bytes: bytes.into(),
            sensitive: true,
        }
    }

    /// Whether `Debug` and `Display` hide the contents.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes as text, invalid UTF-8 replaced.
    pub fn text_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn preview(&self, f: &mut fmt::Formatter<'_>, debug: bool) -> fmt::Result {
        if self.sensitive {
            return write!(f, "[REDACTED: {} bytes]", self.bytes.len());
        }
        let text = self.text_lossy();
        let cut = text
            .char_indices()
            .nth(BODY_PREVIEW_CHARS)
            .map_or(text.len(), |(i, _)| i);
        if debug {
            write!(f, "{:?}", &text[..cut])?;
        } else {
            f.write_str(&text[..cut])?;
        }
        if cut < text.len() {
            write!(f, "… ({} bytes total)", self.bytes.len())?;
        }
        Ok(())
    }
}

impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.preview(f, false)
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawBody(")?;
        self.preview(f, true)?;
        f.write_str(")")
    }
}

/// The request could not be encoded for the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// What went wrong (never a value).
    pub message: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EncodeError {}

/// The response could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What failed.
    pub message: String,
    /// The response body.
    pub body: RawBody,
}

impl DecodeError {
    /// Creates a decode error.
    pub fn new(message: impl Into<String>, body: RawBody) -> Self {
        DecodeError {
            message: message.into(),
            body,
        }
    }
}

impl fmt::Display for DecodeError {
    /// Shows what failed and the body size, not the body (which may hold
    /// tokens); the body is in [`DecodeError::body`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (body: {} bytes)", self.message, self.body.len())
    }
}

impl std::error::Error for DecodeError {}

#[derive(Debug)]
enum TransportKind {
    Http(reqwest::Error),
    BodyTooLarge { limit: usize },
}

/// Connecting, sending or receiving failed. Never contains the request URL
/// (which may carry credentials in its query string).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
}

impl TransportError {
    pub(crate) fn http(e: reqwest::Error) -> Self {
        TransportError {
            kind: TransportKind::Http(e.without_url()),
        }
    }

    pub(crate) fn body_too_large(limit: usize) -> Self {
        TransportError {
            kind: TransportKind::BodyTooLarge { limit },
        }
    }

    /// Whether the connect timeout or the total timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(&self.kind, TransportKind::Http(e) if e.is_timeout())
    }

    /// Whether connecting failed.
    pub fn is_connect(&self) -> bool {
        matches!(&self.kind, TransportKind::Http(e) if e.is_connect())
    }

    /// Whether the response body exceeded
    /// [`ClientConfig::max_response_bytes`](crate::ClientConfig::max_response_bytes).
    pub fn is_body_too_large(&self) -> bool {
        matches!(self.kind, TransportKind::BodyTooLarge { .. })
    }

    /// The underlying `reqwest` error (URL removed), if any.
    pub fn reqwest_error(&self) -> Option<&reqwest::Error> {
        match &self.kind {
            TransportKind::Http(e) => Some(e),
            TransportKind::BodyTooLarge { .. } => None,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TransportKind::BodyTooLarge { limit } => {
                write!(
                    f,
                    "the response body is larger than the limit of {limit} bytes"
                )
            }
            TransportKind::Http(e) => {
                if e.is_timeout() {
                    f.write_str("the request timed out")?;
                } else if e.is_connect() {
                    f.write_str("could not connect")?;
                } else {
                    f.write_str("the HTTP exchange failed")?;
                }
                // reqwest's own text is terse ("error sending request");
                // add the innermost cause, which says what really happened.
                let mut cause: &dyn std::error::Error = e;
                while let Some(next) = cause.source() {
                    cause = next;
                }
                write!(f, ": {cause}")
            }
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            TransportKind::Http(e) => Some(e),
            TransportKind::BodyTooLarge { .. } => None,
        }
    }
}

/// One eNom-style error entry: `ErrN` with its `ResponseNumberN` and
/// `ResponseStringN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDetail {
    /// `ErrN` (or `ResponseStringN` when `ErrN` is absent).
    pub message: String,
    /// `ResponseNumberN`.
    pub number: Option<String>,
    /// `ResponseStringN`.
    pub text: Option<String>,
}

/// An API error as the vendor sent it, before any typing.
///
/// * Liquid Web: `class` = the `error_class` value, `message` =
///   `full_message` (`None` when absent), `fields` = the rest of the object.
/// * Sive.Host: `class` and `message` = the `message` text, `fields` = the
///   rest of the object.
/// * eNom: `class` = `None`, `message` = `Err1`, `details` = every `ErrN` with
///   its `ResponseNumberN`/`ResponseStringN`, `fields` = everything else.
#[derive(Clone, Debug, PartialEq)]
pub struct RawApiError {
    /// The error class, when the API has one.
    pub class: Option<String>,
    /// The human-readable message, when present.
    pub message: Option<String>,
    /// The remaining fields of the response.
    pub fields: Map<String, Value>,
    /// Numbered error entries (eNom).
    pub details: Vec<ErrorDetail>,
    /// The HTTP status code of the response.
    pub status: u16,
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Splits `key` into a prefix match and a number: `("Err12", "Err")` → 12.
fn numbered(key: &str, prefix: &str) -> Option<u64> {
    let digits = key.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn parse_count(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl RawApiError {
    /// The field `name`, read as `T` leniently: as it is, else a number or
    /// boolean as its text (`3` → `"3"`), else a string as JSON (`"3"` → `3`).
    /// The read is tolerant (see [`decode`]): a value that
    /// breaks its type's rule is kept. `None` when absent, null or
    /// unreadable as `T`; the value stays in [`RawApiError::fields`] in
    /// every case.
    pub fn field<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let read = |value: Value| {
            decode::read::<T>(value, Mode::Tolerant)
                .ok()
                .map(|(v, _)| v)
        };
        let value = self.fields.get(name)?;
        if value.is_null() {
            return None;
        }
        if let Some(v) = read(value.clone()) {
            return Some(v);
        }
        match value {
            Value::Number(_) | Value::Bool(_) => read(Value::String(value.to_string())),
            Value::String(s) => serde_json::from_str(s.trim()).ok().and_then(read),
            _ => None,
        }
    }

    /// The field `name` read as a list of nested errors (Liquid Web's
    /// `Input::Multiple` carries one per invalid input): each object is
    /// recognised with `rule` (the API's own), else kept with its fields and
    /// no class; a string becomes an error with that message. A single
    /// object counts as a list of one. Every nested error gets this error's
    /// HTTP status.
    pub fn nested(&self, name: &str, rule: &ErrorRule) -> Vec<RawApiError> {
        let items: Vec<&Value> = match self.fields.get(name) {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(single @ Value::Object(_)) => vec![single],
            _ => Vec::new(),
        };
        items
            .into_iter()
            .filter_map(|item| match item {
                Value::Object(object) => Some(
                    RawApiError::recognize(rule, object, self.status).unwrap_or_else(|| {
                        RawApiError {
                            class: None,
                            message: None,
                            fields: object.clone(),
                            details: Vec::new(),
                            status: self.status,
                        }
                    }),
                ),
                Value::Null => None,
                other => Some(RawApiError {
                    class: None,
                    message: Some(value_text(other)),
                    fields: Map::new(),
                    details: Vec::new(),
                    status: self.status,
                }),
            })
            .collect()
    }

    /// [`nested`](Self::nested), each error read into the API's error type.
    pub fn nested_as<E: ApiErrorType>(&self, name: &str, rule: &ErrorRule) -> Vec<E> {
        self.nested(name, rule)
            .into_iter()
            .map(E::from_raw)
            .collect()
    }

    /// Applies `rule` to a decoded response object: `Some` when it is an
    /// error response.
    pub fn recognize(rule: &ErrorRule, object: &Map<String, Value>, status: u16) -> Option<Self> {
        match *rule {
            ErrorRule::FieldPresent { field, message } => {
                let class = match object.get(field)? {
                    Value::Null => return None,
                    Value::String(s) if s.trim().is_empty() => return None,
                    v => value_text(v),
                };
                let message_text = message
                    .and_then(|m| object.get(m))
                    .filter(|v| !v.is_null())
                    .map(value_text);
                let fields = object
                    .iter()
                    .filter(|(k, _)| k.as_str() != field && Some(k.as_str()) != message)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Some(RawApiError {
                    class: Some(class),
                    message: message_text,
                    fields,
                    details: Vec::new(),
                    status,
                })
            }
            ErrorRule::FieldEquals {
                field,
                value,
                message,
            } => {
                let found = object.get(field)?;
                if !value_text(found).trim().eq_ignore_ascii_case(value) {
                    return None;
                }
                let text = object.get(message).filter(|v| !v.is_null()).map(value_text);
                let fields = object
                    .iter()
                    .filter(|(k, _)| k.as_str() != field && k.as_str() != message)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Some(RawApiError {
                    class: text.clone(),
                    message: text,
                    fields,
                    details: Vec::new(),
                    status,
                })
            }
            ErrorRule::CountAbove {
                field,
                message_prefix,
                number_prefix,
                text_prefix,
            } => {
                let count = object.get(field).and_then(parse_count);
                let has_first = object.contains_key(&format!("{message_prefix}1"));
                let failed = match count {
                    Some(n) => n > 0,
                    // An unreadable count: trust a present first message.
                    None => object.get(field).is_some() && has_first,
                };
                if !failed {
                    return None;
                }
                // index → (message, number, text)
                let mut entries: std::collections::BTreeMap<u64, [Option<String>; 3]> =
                    std::collections::BTreeMap::new();
                let mut fields = Map::new();
                for (k, v) in object {
                    let slot = if let Some(n) = numbered(k, message_prefix) {
                        Some((n, 0))
                    } else if let Some(n) = number_prefix.and_then(|p| numbered(k, p)) {
                        Some((n, 1))
                    } else {
                        text_prefix.and_then(|p| numbered(k, p)).map(|n| (n, 2))
                    };
                    match slot {
                        Some((n, i)) => entries.entry(n).or_default()[i] = Some(value_text(v)),
                        None => {
                            fields.insert(k.clone(), v.clone());
                        }
                    }
                }
                let details: Vec<ErrorDetail> = entries
                    .into_values()
                    .map(|[message, number, text]| ErrorDetail {
                        message: message.or_else(|| text.clone()).unwrap_or_default(),
                        number,
                        text,
                    })
                    .collect();
                Some(RawApiError {
                    class: None,
                    message: details.first().map(|d| d.message.clone()),
                    fields,
                    details,
                    status,
                })
            }
        }
    }
}

impl fmt::Display for RawApiError {
    /// `"LW::Exception::RecordNotFound: field=network_dns_zone"`,
    /// `"LW::Exception::API::InvalidMethod: Invalid API Method: …"`,
    /// `"Invalid API Key or secret."`, `"Domain not available (300320)"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(class) = &self.class {
            f.write_str(class)?;
            wrote = true;
        }
        let same = self.class.is_some() && self.class == self.message;
        if !self.details.is_empty() {
            for (i, d) in self.details.iter().enumerate() {
                f.write_str(if wrote && i == 0 {
                    ": "
                } else if i > 0 {
                    "; "
                } else {
                    ""
                })?;
                f.write_str(&d.message)?;
                if let Some(n) = &d.number {
                    write!(f, " ({n})")?;
                }
            }
            return Ok(());
        }
        match &self.message {
            Some(m) if !same => {
                if wrote {
                    f.write_str(": ")?;
                }
                f.write_str(m)
            }
            Some(_) => Ok(()),
            None => {
                if self.fields.is_empty() {
                    if !wrote {
                        write!(f, "API error (HTTP {})", self.status)?;
                    }
                    return Ok(());
                }
                if wrote {
                    f.write_str(": ")?;
                }
                for (i, (k, v)) in self.fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}={}", value_text(v))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RawApiError {}

/// An API's error type: built from the [`RawApiError`] the client recognised.
/// Generated code implements it for each API's error enum.
pub trait ApiErrorType: Sized + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// Converts the raw error.
    fn from_raw(raw: RawApiError) -> Self;

    /// Whether the spec marks this error `retryable` (a rate limit, a
    /// maintenance window): a call of an idempotent method that fails with
    /// it is repeated under the client's
    /// [`RetryPolicy`](crate::RetryPolicy). `false` unless implemented.
    fn is_retryable(&self) -> bool {
        false
    }
}

impl ApiErrorType for RawApiError {
    fn from_raw(raw: RawApiError) -> Self {
        raw
    }
}

/// Adds `raw()` and `Display` (the raw error's) to a generated error struct
/// that keeps its [`RawApiError`] in a field named `raw`, so each documented
/// error's struct holds only its own fields.
#[macro_export]
macro_rules! raw_api_error {
    ($name:ident) => {
        impl $name {
            /// The error as received: class, message and every field.
            #[inline]
            pub fn raw(&self) -> &$crate::error::RawApiError {
                &self.raw
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.raw, f)
            }
        }
    };
}
