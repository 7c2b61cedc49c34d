//! The JSON request body, serialized straight from the request: the
//! credential parameters first, then the request's fields (a credential
//! wins over a field of the same name), null fields left out at every
//! depth, optionally wrapped as `{"<envelope>": {…}}`. Nothing is built in
//! between, which is most of what a call's encoding used to cost.

use std::cell::Cell;

use serde::Serialize;
use serde::ser::{self, SerializeMap, Serializer};

use super::no_nulls::NoNulls;
use crate::error::EncodeError;
use crate::json_kind::JsonKind;

/// The JSON body of one request.
pub(super) struct JsonBody<'a, T: ?Sized> {
    pub(super) envelope: Option<&'static str>,
    /// Wire names and values; the values are secrets and live only in the
    /// encoded body.
    pub(super) credentials: &'a [(&'static str, &'a str)],
    pub(super) request: &'a T,
}

impl<T: Serialize + ?Sized> JsonBody<'_, T> {
    /// The body's bytes. A request that is not an object (or null, taken as
    /// an empty one) is an error, as is one whose `Serialize` fails.
    pub(super) fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let not_object = Cell::new(None);
        let body = Body {
            body: self,
            not_object: &not_object,
        };
        serde_json::to_vec(&body).map_err(|e| EncodeError {
            message: match not_object.get() {
                Some(kind) => format!("the request must serialize to a JSON object, not {kind}"),
                None => format!("the request could not be serialized: {e}"),
            },
        })
    }
}

/// A [`JsonBody`] being serialized, with where to note that the request
/// was not an object.
struct Body<'a, 'b, T: ?Sized> {
    body: &'a JsonBody<'b, T>,
    not_object: &'a Cell<Option<&'static str>>,
}

impl<T: Serialize + ?Sized> Serialize for Body<'_, '_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.body.envelope {
            Some(key) => {
                let mut outer = serializer.serialize_map(Some(1))?;
                outer.serialize_entry(key, &Params(self))?;
                outer.end()
            }
            None => Params(self).serialize(serializer),
        }
    }
}

/// The parameter object of a [`Body`].
struct Params<'a, 'b, 'c, T: ?Sized>(&'a Body<'b, 'c, T>);

impl<T: Serialize + ?Sized> Serialize for Params<'_, '_, '_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.0;
        body.body.request.serialize(Top {
            serializer,
            credentials: body.body.credentials,
            not_object: body.not_object,
        })
    }
}

/// Serializes the request itself: an object (a struct or map) after the
/// credentials; a null request is the credentials alone.
struct Top<'a, S> {
    serializer: S,
    credentials: &'a [(&'static str, &'a str)],
    not_object: &'a Cell<Option<&'static str>>,
}

impl<'a, S: Serializer> Top<'a, S> {
    /// Opens the object and writes the credentials.
    fn open(self) -> Result<Fields<'a, S::SerializeMap>, S::Error> {
        let mut map = self.serializer.serialize_map(None)?;
        for (name, value) in self.credentials {
            map.serialize_entry(name, value)?;
        }
        Ok(Fields {
            map,
            credentials: self.credentials,
            pending_key: None,
        })
    }

    fn empty(self) -> Result<S::Ok, S::Error> {
        self.open()?.map.end()
    }

    /// Refuses the request, which serializes to `what` ("a string").
    fn not_an_object<T>(self, what: &'static str) -> Result<T, S::Error> {
        self.not_object.set(Some(what));
        Err(ser::Error::custom(format_args!(
            "the request must serialize to a JSON object, not {what}"
        )))
    }
}

/// The request's fields, after the credentials.
struct Fields<'a, M> {
    map: M,
    credentials: &'a [(&'static str, &'a str)],
    /// A key written with `serialize_key`, until its value arrives.
    pending_key: Option<String>,
}

impl<M: SerializeMap> Fields<'_, M> {
    fn is_credential(&self, key: &str) -> bool {
        self.credentials.iter().any(|(name, _)| *name == key)
    }

    fn field<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), M::Error> {
        if self.is_credential(key) || JsonKind::is_null(value) {
            return Ok(());
        }
        self.map.serialize_entry(key, &NoNulls(value))
    }
}

/// The text of a map key as JSON writes it (a string, or a number or
/// boolean in quotes).
pub(super) fn key_text<K: Serialize + ?Sized, E: ser::Error>(key: &K) -> Result<String, E> {
    match serde_json::to_value(key).map_err(E::custom)? {
        serde_json::Value::String(text) => Ok(text),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        _ => Err(E::custom("key must be a string")),
    }
}

impl<M: SerializeMap> ser::SerializeStruct for Fields<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

impl<M: SerializeMap> SerializeMap for Fields<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), M::Error> {
        let key = key_text(key)?;
        self.field(&key, value)
    }
    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), M::Error> {
        self.pending_key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), M::Error> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| ser::Error::custom("a map value came without its key"))?;
        self.field(&key, value)
    }
    fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// Implements `Serializer` methods of [`Top`] that refuse a value of `kind`.
macro_rules! refuse {
    ($($method:ident ($($arg:ty),*) -> $ok:ty = $kind:ident;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ok, S::Error> {
                self.not_an_object(JsonKind::$kind.name())
            }
        )*
    };
}

type Refused<S> = ser::Impossible<<S as Serializer>::Ok, <S as Serializer>::Error>;

impl<'a, S: Serializer> Serializer for Top<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Refused<S>;
    type SerializeTuple = Refused<S>;
    type SerializeTupleStruct = Refused<S>;
    type SerializeTupleVariant = Refused<S>;
    type SerializeMap = Fields<'a, S::SerializeMap>;
    type SerializeStruct = Fields<'a, S::SerializeMap>;
    type SerializeStructVariant = Refused<S>;

    refuse! {
        serialize_bool(bool) -> S::Ok = Bool;
        serialize_i8(i8) -> S::Ok = Number;
        serialize_i16(i16) -> S::Ok = Number;
        serialize_i32(i32) -> S::Ok = Number;
        serialize_i64(i64) -> S::Ok = Number;
        serialize_i128(i128) -> S::Ok = Number;
        serialize_u8(u8) -> S::Ok = Number;
        serialize_u16(u16) -> S::Ok = Number;
        serialize_u32(u32) -> S::Ok = Number;
        serialize_u64(u64) -> S::Ok = Number;
        serialize_u128(u128) -> S::Ok = Number;
        serialize_char(char) -> S::Ok = String;
        serialize_str(&str) -> S::Ok = String;
        serialize_bytes(&[u8]) -> S::Ok = Array;
        serialize_unit_variant(&'static str, u32, &'static str) -> S::Ok = String;
        serialize_seq(Option<usize>) -> Self::SerializeSeq = Array;
        serialize_tuple(usize) -> Self::SerializeTuple = Array;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct = Array;
    }

    // `{"variant": [...]}` and `{"variant": {...}}` would be objects of one
    // parameter; no request record is written that way.
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.not_an_object("an enum variant with fields")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.not_an_object("an enum variant with fields")
    }

    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        // A non-finite float is null to serde_json, so an empty request.
        if v.is_finite() {
            self.not_an_object(JsonKind::Number.name())
        } else {
            self.empty()
        }
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.empty()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.empty()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<S::Ok, S::Error> {
        self.empty()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        // `{"variant": value}`: an object of one parameter.
        let mut fields = self.open()?;
        fields.field(variant, value)?;
        fields.map.end()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.open()
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.open()
    }
}

#[cfg(test)]
mod tests;
