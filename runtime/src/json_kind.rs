//! The JSON kind a value serializes to, found without serializing what is
//! inside it, so a writer can leave out null fields without first building
//! a `serde_json::Value` of each one.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Serializer};

/// The kind of JSON value a `Serialize` value turns into under
/// `serde_json`: `None`, `()`, unit structs and non-finite floats are
/// `Null`, as `serde_json::to_value` makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    /// The kind of `value`. A value whose `Serialize` fails counts as
    /// `Object`, so the real serialization runs and reports the failure.
    pub(crate) fn of<T: Serialize + ?Sized>(value: &T) -> JsonKind {
        value.serialize(Probe).unwrap_or(JsonKind::Object)
    }

    /// Whether `value` serializes to JSON `null`.
    pub(crate) fn is_null<T: Serialize + ?Sized>(value: &T) -> bool {
        JsonKind::of(value) == JsonKind::Null
    }

    /// The kind with its article, for messages ("a string").
    pub(crate) fn name(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "a boolean",
            JsonKind::Number => "a number",
            JsonKind::String => "a string",
            JsonKind::Array => "an array",
            JsonKind::Object => "an object",
        }
    }
}

/// A serializer that answers with the kind and ignores the contents.
struct Probe;

/// The probe's error: some `Serialize` impl failed on its own.
#[derive(Debug)]
struct ProbeFailed;

impl fmt::Display for ProbeFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("serialization failed")
    }
}

impl std::error::Error for ProbeFailed {}

impl ser::Error for ProbeFailed {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        ProbeFailed
    }
}

/// A compound value whose elements are not looked at.
struct Ignored(JsonKind);

type Answer = Result<JsonKind, ProbeFailed>;

impl Serializer for Probe {
    type Ok = JsonKind;
    type Error = ProbeFailed;
    type SerializeSeq = Ignored;
    type SerializeTuple = Ignored;
    type SerializeTupleStruct = Ignored;
    type SerializeTupleVariant = Ignored;
    type SerializeMap = Ignored;
    type SerializeStruct = Ignored;
    type SerializeStructVariant = Ignored;

    fn serialize_bool(self, _: bool) -> Answer {
        Ok(JsonKind::Bool)
    }
    fn serialize_i8(self, _: i8) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_i16(self, _: i16) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_i32(self, _: i32) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_i64(self, _: i64) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_i128(self, _: i128) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_u8(self, _: u8) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_u16(self, _: u16) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_u32(self, _: u32) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_u64(self, _: u64) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_u128(self, _: u128) -> Answer {
        Ok(JsonKind::Number)
    }
    fn serialize_f32(self, v: f32) -> Answer {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Answer {
        // serde_json has no NaN or infinity and writes them as null.
        Ok(if v.is_finite() {
            JsonKind::Number
        } else {
            JsonKind::Null
        })
    }
    fn serialize_char(self, _: char) -> Answer {
        Ok(JsonKind::String)
    }
    fn serialize_str(self, _: &str) -> Answer {
        Ok(JsonKind::String)
    }
    fn serialize_bytes(self, _: &[u8]) -> Answer {
        Ok(JsonKind::Array)
    }
    fn serialize_none(self) -> Answer {
        Ok(JsonKind::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Answer {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Answer {
        Ok(JsonKind::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Answer {
        Ok(JsonKind::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Answer {
        Ok(JsonKind::String)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Answer {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Answer {
        Ok(JsonKind::Object)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Array))
    }
    fn serialize_tuple(self, _: usize) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Array))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Array))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Object))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Object))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Object))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Ignored, ProbeFailed> {
        Ok(Ignored(JsonKind::Object))
    }
}

/// Implements a compound-serializer trait for [`Ignored`] with `$method`
/// taking the given arguments and doing nothing.
macro_rules! ignore_elements {
    ($trait:ident, $method:ident ($($arg:ty),*)) => {
        impl ser::$trait for Ignored {
            type Ok = JsonKind;
            type Error = ProbeFailed;
            fn $method<T: Serialize + ?Sized>(&mut self, $(_: $arg,)* _: &T) -> Result<(), ProbeFailed> {
                Ok(())
            }
            fn end(self) -> Answer {
                Ok(self.0)
            }
        }
    };
}

ignore_elements!(SerializeSeq, serialize_element());
ignore_elements!(SerializeTuple, serialize_element());
ignore_elements!(SerializeTupleStruct, serialize_field());
ignore_elements!(SerializeTupleVariant, serialize_field());
ignore_elements!(SerializeStruct, serialize_field(&'static str));
ignore_elements!(SerializeStructVariant, serialize_field(&'static str));

impl ser::SerializeMap for Ignored {
    type Ok = JsonKind;
    type Error = ProbeFailed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), ProbeFailed> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), ProbeFailed> {
        Ok(())
    }
    fn end(self) -> Answer {
        Ok(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn kind_via_value<T: Serialize>(value: &T) -> JsonKind {
        match serde_json::to_value(value).unwrap() {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }

    /// The probe agrees with `serde_json::to_value` on every kind.
    #[test]
    fn kinds_match_to_value() {
        fn check<T: Serialize>(value: T, expected: JsonKind) {
            assert_eq!(kind_via_value(&value), expected);
            assert_eq!(JsonKind::of(&value), expected);
        }
        for (v, kind) in [
            (json!(null), JsonKind::Null),
            (json!(true), JsonKind::Bool),
            (json!(1), JsonKind::Number),
            (json!("s"), JsonKind::String),
            (json!([null]), JsonKind::Array),
            (json!({"a": null}), JsonKind::Object),
        ] {
            check(v, kind);
        }
        check(None::<u8>, JsonKind::Null);
        check(Some(Some(())), JsonKind::Null);
        check(Some(3u8), JsonKind::Number);
        check(f64::NAN, JsonKind::Null);
        check(f32::INFINITY, JsonKind::Null);
        check(1.5f32, JsonKind::Number);
        check('c', JsonKind::String);
        check((1, "a"), JsonKind::Array);
        check(
            std::collections::BTreeMap::<String, u8>::new(),
            JsonKind::Object,
        );
    }
}
