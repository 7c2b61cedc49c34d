//! Reading responses: a tolerant reader, with a strict one on request.
//!
//! Real servers do not always keep their own documentation: an optional
//! integer arrives as `"n/a"`, a documented "positive" integer as `0`, an
//! enumeration gains a value. Refusing the whole response for one such field
//! would keep callers from their own data, so a response is refused (a
//! decode error) only when it cannot be read at all: it is not the expected
//! shape, or a required field is absent or cannot be represented in its
//! Rust type. Anything else that breaks the documentation is kept and
//! reported as a [`ResponseViolation`]:
//!
//! * a value that breaks its type's rule (`PositiveInt` got `0`, a string
//!   too long, an enum value the spec does not list, a union none of whose
//!   members accepts the value as documented) is kept as received;
//! * an optional field that cannot be read as its type at all reads as
//!   `None`.
//!
//! Each response record lists what it found anywhere inside it, with paths
//! (`items[2].region_id`), through its `violations()` accessor, and the
//! client logs a `tracing` warning per violation. A client built with
//! [`ClientConfig::with_strict_responses`](crate::ClientConfig::with_strict_responses)
//! refuses every such response instead. A newtype deserialized on its own
//! (`serde_json::from_str::<PositiveInt>("0")`) is refused as its
//! constructor would refuse it; a record deserialized on its own reads
//! tolerantly.
//!
//! How it works: decoding is synchronous, so the reader keeps a thread-local
//! context (mode, current path, violations found) that the client opens
//! around a read and that the generated types' `Deserialize` impls consult
//! through the functions here; records collect what was found inside them.

mod body;
pub(crate) mod context;
mod text;
pub(crate) mod tracked;

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use body::{received, response, response_with_headers};
use context::{Opened, State};
pub(crate) use tracked::Tracked;

use crate::newtype::EnumValues;
use crate::validate::{ConstraintError, Violation};

/// How a response is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Values that break their documented rule are kept and reported.
    #[default]
    Tolerant,
    /// Any value that breaks its documented rule makes the response a
    /// decode error.
    Strict,
}

/// A value in a response that breaks its documented rule, kept (or, for an
/// optional field that could not be read at all, read as `None`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ResponseViolation {
    /// Where the value is, relative to the record that lists it:
    /// `region_id`, `items[2].region_id`, `[example.com]` (a map entry).
    pub path: String,
    /// The documented type: `"PositiveInt"`, for a builtin `"integer"`,
    /// for a list `"Vec<PositiveInt>"`.
    pub type_name: Cow<'static, str>,
    /// The broken rule (`rule`: `"min"`, `"enum"`, `"union"`, `"type"` for
    /// a value that could not be read as its type, …) and what was
    /// expected. Like request violations, the message never quotes the
    /// value, and for secret values names no character.
    pub violation: Violation,
    /// The value as received, for an optional builtin field that could not
    /// be read (an integer field holding `"n/a"`); `None` otherwise, and
    /// always for secret values.
    pub received: Option<Value>,
}

impl fmt::Display for ResponseViolation {
    /// `path: Type: message`, without the received value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}: {}", self.type_name, self.violation.message)
    }
}

/// Reads `value` as `T` in `mode`, returning what it broke. Paths start at
/// the top of `value`. A decode error is an error here too.
///
/// ```
/// use hostapi_runtime::decode::{self, Mode};
///
/// hostapi_runtime::record! {
///     /// A response.
///     pub struct Page: receive {
///         optional {
///             /// An integer the server may send as text.
///             total: i64 => opt_lenient,
///         }
///     }
/// }
///
/// let value = serde_json::json!({"total": "n/a"});
/// let (page, found) = decode::read::<Page>(value.clone(), Mode::Tolerant).unwrap();
/// assert_eq!(page.total, None);
/// assert_eq!(found[0].path, "total");
/// assert_eq!(found[0].received, Some(serde_json::json!("n/a")));
/// assert!(decode::read::<Page>(value, Mode::Strict).is_err());
/// ```
pub fn read<T: DeserializeOwned>(
    value: Value,
    mode: Mode,
) -> Result<(T, Vec<ResponseViolation>), serde_json::Error> {
    read_at(value, mode, "")
}

/// [`read`] with paths starting at `root`.
pub(crate) fn read_at<T: DeserializeOwned>(
    value: Value,
    mode: Mode,
    root: &str,
) -> Result<(T, Vec<ResponseViolation>), serde_json::Error> {
    let opened = Opened::new(mode == Mode::Strict, root);
    let read = T::deserialize(Tracked(value));
    let found = opened.close();
    read.map(|value| (value, found))
}

/// Logs a `tracing` warning per violation of a response of `api`'s
/// `method`: the names, the path and the rule, never the value.
pub(crate) fn warn(api: &str, method: &str, found: &[ResponseViolation]) {
    for v in found {
        tracing::warn!(
            api,
            method,
            path = v.path.as_str(),
            type_name = v.type_name.as_ref(),
            rule = v.violation.rule,
            detail = v.violation.message.as_str(),
            "response value breaks its documented rule; kept"
        );
    }
}

/// What a received newtype does with a value that breaks its rule
/// (`result`): in a tolerant read it is reported and accepted; otherwise it
/// is refused. Redact the violation of a secret type before passing it.
#[doc(hidden)]
pub fn accept(
    type_name: &'static str,
    result: Result<(), Violation>,
) -> Result<(), ConstraintError> {
    match result {
        Ok(()) => Ok(()),
        Err(violation) if context::state() == State::Tolerant => {
            context::report(type_name.into(), violation, None);
            Ok(())
        }
        Err(violation) => Err(ConstraintError {
            type_name,
            violation,
        }),
    }
}

/// [`accept`] for an enumeration: a value the spec does not list is kept
/// (reported when reading tolerantly), except in a strict read, where it is
/// refused like any other violation.
#[doc(hidden)]
pub fn accept_enum<E: EnumValues>(
    type_name: &'static str,
    value: &E,
) -> Result<(), ConstraintError> {
    let result = crate::newtype::check_enum(value);
    match context::state() {
        State::Standalone => Ok(()),
        State::Strict | State::Tolerant => accept(type_name, result),
    }
}

/// Runs `f` (reading a secret value): whatever it reports is redacted and
/// keeps no received value.
#[doc(hidden)]
pub fn secret<R>(f: impl FnOnce() -> R) -> R {
    context::secret(f)
}

/// Reads a union: the first member that accepts `value` as documented;
/// in a tolerant read, failing that, the first member that can read it at
/// all, reported as a `"union"` violation of `type_name`. `read` tries the
/// members in order with [`member`].
#[doc(hidden)]
pub fn union<T>(
    type_name: &'static str,
    members: &[&str],
    value: &Value,
    read: impl Fn(&Value) -> Option<T>,
) -> Result<T, String> {
    let expected = || format!("expected a value of one of: {}", members.join(", "));
    if context::state() != State::Tolerant {
        return read(value).ok_or_else(expected);
    }
    if let Some(found) = context::strictly(|| read(value)) {
        return Ok(found);
    }
    let mark = context::mark();
    let found = read(value).ok_or_else(expected)?;
    // Which member's rule the value breaks says little when none fits, so
    // the union itself is reported.
    context::rollback(mark);
    let message = format!(
        "no member type accepts the value as documented (tried {}); kept as the first that can read it",
        members.join(", ")
    );
    context::report(type_name.into(), Violation::new("union", message), None);
    Ok(found)
}

/// One member attempt of a [`union`]: the value as `M`, or `None` (and
/// nothing reported) when `M` cannot read it.
#[doc(hidden)]
pub fn member<M: DeserializeOwned>(value: &Value) -> Option<M> {
    let mark = context::mark();
    match M::deserialize(value) {
        Ok(member) => Some(member),
        Err(_) => {
            context::rollback(mark);
            None
        }
    }
}

/// The name of `T` for reports, without module paths
/// (`Vec<PositiveInt>`).
pub(crate) fn short_type_name<T: ?Sized>() -> Cow<'static, str> {
    let full = std::any::type_name::<T>();
    if !full.contains("::") {
        return Cow::Borrowed(full);
    }
    let mut short = String::with_capacity(full.len());
    let mut start = 0;
    for (i, c) in full.char_indices() {
        if !(c.is_alphanumeric() || c == '_' || c == ':') {
            let path = &full[start..i];
            short.push_str(path.rsplit("::").next().unwrap_or(path));
            short.push(c);
            start = i + c.len_utf8();
        }
    }
    let path = &full[start..];
    short.push_str(path.rsplit("::").next().unwrap_or(path));
    Cow::Owned(short)
}

/// What kind of JSON value `value` is, for messages.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_type_name::<i64>(), "i64");
        assert_eq!(short_type_name::<crate::Secret>(), "Secret");
        assert_eq!(short_type_name::<Vec<crate::Secret>>(), "Vec<Secret>");
        assert_eq!(
            short_type_name::<std::collections::BTreeMap<String, crate::Sensitive<i64>>>(),
            "BTreeMap<String, Sensitive<i64>>"
        );
    }

    #[test]
    fn display_has_no_value() {
        let v = ResponseViolation {
            path: "a".into(),
            type_name: "integer".into(),
            violation: Violation::new("type", "expected an integer, got a string"),
            received: Some(Value::from("n/a")),
        };
        assert_eq!(
            v.to_string(),
            "a: integer: expected an integer, got a string"
        );
    }
}
