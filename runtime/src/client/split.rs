//! A bound request's members sorted by where they travel (see
//! [`MethodBinding`]), straight from the request's `Serialize`: each member
//! is looked up in the binding as it is written, so the request is never
//! built as a `serde_json::Map` first. Path and header values become text,
//! the rest stay values for the query, form or JSON encoders.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Serializer};
use serde_json::{Map, Value};

use super::json_body::key_text;
use crate::binding::{MethodBinding, ParamPlace};
use crate::error::EncodeError;
use crate::json_kind::JsonKind;

/// A request's parameters sorted by where they travel.
#[derive(Debug, Default)]
pub(super) struct Split {
    /// Path parameter values, already converted to text.
    pub(super) path: Vec<(&'static str, String)>,
    /// Header name, value, and whether the value is a secret.
    pub(super) headers: Vec<(&'static str, String, bool)>,
    /// Query-string and form members, still as values (flattened later).
    pub(super) query: Map<String, Value>,
    pub(super) form: Map<String, Value>,
    pub(super) json: Map<String, Value>,
    /// The whole body, when a parameter is bound to it.
    pub(super) body: Option<Value>,
    /// Members bound nowhere: they go where the API's defaults put them.
    pub(super) unbound: Map<String, Value>,
}

/// Sorts `request`'s members by `binding`. A request that serializes to
/// null is one without members; one that is no object is refused. Absent
/// (null) bound members are left out, unbound ones are kept for the API's
/// default place to judge; a path or header value must be a scalar.
pub(super) fn split<T: Serialize + ?Sized>(
    binding: &MethodBinding,
    request: &T,
) -> Result<Split, EncodeError> {
    let mut split = Split::default();
    request
        .serialize(Top {
            binding,
            split: &mut split,
        })
        .map_err(|Refused(message)| EncodeError { message })?;
    Ok(split)
}

impl Split {
    /// Files one member, `value` being what `serde_json::to_value` makes of
    /// it. Were a key written twice (no record, map or `Value` does that),
    /// a query, form or JSON place would keep the last value and a path or
    /// header place both.
    fn member(&mut self, binding: &MethodBinding, key: &str, value: Value) -> Result<(), Refused> {
        let Some(bound) = binding.params.iter().find(|p| p.name == key) else {
            self.unbound.insert(key.to_owned(), value);
            return Ok(());
        };
        if value.is_null() {
            return Ok(());
        }
        match bound.place {
            ParamPlace::Path => self
                .path
                .push((bound.name, scalar_text(bound.name, value)?)),
            ParamPlace::Header { name, sensitive } => {
                let text = scalar_text(bound.name, value)?;
                self.headers.push((name, text, sensitive));
            }
            ParamPlace::Query => {
                self.query.insert(key.to_owned(), value);
            }
            ParamPlace::Form => {
                self.form.insert(key.to_owned(), value);
            }
            ParamPlace::Json => {
                self.json.insert(key.to_owned(), value);
            }
            ParamPlace::Body => self.body = Some(value),
        }
        Ok(())
    }
}

/// A scalar as it is written in a path segment or header: strings as they
/// are, numbers in JSON notation, booleans as `1`/`0` (as in query strings).
fn scalar_text(name: &str, value: Value) -> Result<String, Refused> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(if b { "1" } else { "0" }.to_owned()),
        _ => Err(Refused(format!(
            "the parameter `{}` travels in the path or a header, so it must be a \
             string, number or boolean, not {}",
            name.escape_debug(),
            crate::decode::json_kind(&value)
        ))),
    }
}

/// Why a request could not be split; the message is the `EncodeError`'s.
#[derive(Debug)]
struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(format!("the request could not be serialized: {msg}"))
    }
}

impl From<serde_json::Error> for Refused {
    fn from(e: serde_json::Error) -> Self {
        ser::Error::custom(e)
    }
}

/// Serializes the request itself, which must be an object (a struct or
/// map) or null.
struct Top<'a> {
    binding: &'a MethodBinding,
    split: &'a mut Split,
}

impl<'a> Top<'a> {
    fn members(self) -> Members<'a> {
        Members {
            binding: self.binding,
            split: self.split,
            pending_key: None,
        }
    }
}

/// The request's members as they are written.
struct Members<'a> {
    binding: &'a MethodBinding,
    split: &'a mut Split,
    /// A key written with `serialize_key`, until its value arrives.
    pending_key: Option<String>,
}

impl Members<'_> {
    fn member<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), Refused> {
        let value = serde_json::to_value(value)?;
        self.split.member(self.binding, key, value)
    }
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        self.member(key, value)
    }
    fn end(self) -> Result<(), Refused> {
        Ok(())
    }
}

impl ser::SerializeMap for Members<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Refused> {
        // A string key (every record's) is used as it is, without a copy.
        key.serialize(StrKey(|key: &str| self.member(key, value)))
            .or_else(|error| match error {
                NotStr => self.member(&key_text::<_, Refused>(key)?, value),
                Failed(refused) => Err(refused),
            })
    }
    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Refused> {
        self.pending_key = Some(key_text::<_, Refused>(key)?);
        Ok(())
    }
    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Refused> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| <Refused as ser::Error>::custom("a map value came without its key"))?;
        self.member(&key, value)
    }
    fn end(self) -> Result<(), Refused> {
        Ok(())
    }
}

/// Calls its function with a map key that serializes as a string; any
/// other key is `NotStr`, for [`key_text`] to convert as `serde_json`
/// would.
struct StrKey<F>(F);

/// Why a [`StrKey`] did not take its key.
enum KeyOutcome {
    /// The key is no string.
    NotStr,
    /// The key's own serialization, or the function, failed.
    Failed(Refused),
}
use KeyOutcome::{Failed, NotStr};

impl fmt::Display for KeyOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotStr => f.write_str("key must be a string"),
            Failed(refused) => refused.fmt(f),
        }
    }
}

impl fmt::Debug for KeyOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for KeyOutcome {}

impl ser::Error for KeyOutcome {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Failed(<Refused as ser::Error>::custom(msg))
    }
}

/// Implements `Serializer` methods of [`StrKey`] for keys that are no
/// string.
macro_rules! not_str {
    ($($method:ident ($($arg:ty),*) -> $ok:ty;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ok, KeyOutcome> {
                Err(NotStr)
            }
        )*
    };
}

type NoKey = ser::Impossible<(), KeyOutcome>;

impl<F: FnOnce(&str) -> Result<(), Refused>> Serializer for StrKey<F> {
    type Ok = ();
    type Error = KeyOutcome;
    type SerializeSeq = NoKey;
    type SerializeTuple = NoKey;
    type SerializeTupleStruct = NoKey;
    type SerializeTupleVariant = NoKey;
    type SerializeMap = NoKey;
    type SerializeStruct = NoKey;
    type SerializeStructVariant = NoKey;

    fn serialize_str(self, v: &str) -> Result<(), KeyOutcome> {
        (self.0)(v).map_err(Failed)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyOutcome> {
        value.serialize(self)
    }

    not_str! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_i128(i128) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_u128(u128) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> NoKey;
        serialize_tuple(usize) -> NoKey;
        serialize_tuple_struct(&'static str, usize) -> NoKey;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> NoKey;
        serialize_map(Option<usize>) -> NoKey;
        serialize_struct(&'static str, usize) -> NoKey;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> NoKey;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), KeyOutcome> {
        Err(NotStr)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), KeyOutcome> {
        Err(NotStr)
    }
}

/// Implements `Serializer` methods of [`Top`] that refuse a value of `kind`.
macro_rules! refuse {
    ($($method:ident ($($arg:ty),*) -> $ok:ty = $kind:expr;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ok, Refused> {
                not_an_object($kind)
            }
        )*
    };
}

fn not_an_object<T>(what: &str) -> Result<T, Refused> {
    Err(Refused(format!(
        "the request must serialize to a JSON object, not {what}"
    )))
}

type Impossible = ser::Impossible<(), Refused>;

impl<'a> Serializer for Top<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Impossible;
    type SerializeTuple = Impossible;
    type SerializeTupleStruct = Impossible;
    type SerializeTupleVariant = Impossible;
    type SerializeMap = Members<'a>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Impossible;

    refuse! {
        serialize_bool(bool) -> () = JsonKind::Bool.name();
        serialize_i8(i8) -> () = JsonKind::Number.name();
        serialize_i16(i16) -> () = JsonKind::Number.name();
        serialize_i32(i32) -> () = JsonKind::Number.name();
        serialize_i64(i64) -> () = JsonKind::Number.name();
        serialize_i128(i128) -> () = JsonKind::Number.name();
        serialize_u8(u8) -> () = JsonKind::Number.name();
        serialize_u16(u16) -> () = JsonKind::Number.name();
        serialize_u32(u32) -> () = JsonKind::Number.name();
        serialize_u64(u64) -> () = JsonKind::Number.name();
        serialize_u128(u128) -> () = JsonKind::Number.name();
        serialize_char(char) -> () = JsonKind::String.name();
        serialize_str(&str) -> () = JsonKind::String.name();
        serialize_bytes(&[u8]) -> () = JsonKind::Array.name();
        serialize_unit_variant(&'static str, u32, &'static str) -> () = JsonKind::String.name();
        serialize_seq(Option<usize>) -> Impossible = JsonKind::Array.name();
        serialize_tuple(usize) -> Impossible = JsonKind::Array.name();
        serialize_tuple_struct(&'static str, usize) -> Impossible = JsonKind::Array.name();
        // `{"variant": [...]}` and `{"variant": {...}}` would be objects of
        // one parameter; no request record is written that way.
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible =
            "an enum variant with fields";
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible =
            "an enum variant with fields";
    }

    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        // A non-finite float is null to serde_json, so an empty request.
        if v.is_finite() {
            not_an_object(JsonKind::Number.name())
        } else {
            Ok(())
        }
    }
    fn serialize_none(self) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        // `{"variant": value}`: an object of one parameter.
        self.members().member(variant, value)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Members<'a>, Refused> {
        Ok(self.members())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Members<'a>, Refused> {
        Ok(self.members())
    }
}

#[cfg(test)]
mod tests;
