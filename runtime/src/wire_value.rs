//! Lenient serde helpers for real-world responses, for use with
//! `#[serde(deserialize_with = "…")]` and `#[serde(serialize_with = "…")]`.
//!
//! Vendors send numbers as strings (`"item_total":"3"`) and booleans as
//! `0`/`1`, `"0"`/`"1"` or `"True"`/`"False"`. The `de_*` helpers accept all of
//! these; the `de_opt_*` helpers do the same inside `Option`, mapping null,
//! an absent field (with `#[serde(default)]`) and an empty or blank string to
//! `None`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

/// A target type and the lenient conversions into it.
trait Lenient: Sized {
    const EXPECTING: &'static str;

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E>;
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E>;
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E>;
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(E::invalid_type(de::Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E>;
    fn from_string<E: de::Error>(v: String) -> Result<Self, E> {
        Self::from_str(&v)
    }
}

struct Expecting(&'static str);

impl de::Expected for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

fn invalid_str<T: Lenient, E: de::Error>(v: &str) -> E {
    E::invalid_value(de::Unexpected::Str(v), &Expecting(T::EXPECTING))
}

impl Lenient for i64 {
    const EXPECTING: &'static str = "an integer or a string holding one";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v)
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        i64::try_from(v)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &Expecting(Self::EXPECTING)))
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        if v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(
                de::Unexpected::Float(v),
                &Expecting(Self::EXPECTING),
            ))
        }
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E> {
        v.trim().parse().map_err(|_| invalid_str::<Self, E>(v))
    }
}

impl Lenient for u64 {
    const EXPECTING: &'static str = "a non-negative integer or a string holding one";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        u64::try_from(v)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &Expecting(Self::EXPECTING)))
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v)
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        if v.fract() == 0.0 && v >= 0.0 && v < u64::MAX as f64 {
            Ok(v as u64)
        } else {
            Err(E::invalid_value(
                de::Unexpected::Float(v),
                &Expecting(Self::EXPECTING),
            ))
        }
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E> {
        v.trim().parse().map_err(|_| invalid_str::<Self, E>(v))
    }
}

impl Lenient for f64 {
    const EXPECTING: &'static str = "a number or a string holding one";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v as f64)
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v as f64)
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        Ok(v)
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E> {
        v.trim().parse().map_err(|_| invalid_str::<Self, E>(v))
    }
}

impl Lenient for bool {
    const EXPECTING: &'static str =
        "a boolean: true/false, 0/1, \"0\"/\"1\" or \"true\"/\"false\" in any case";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(
                de::Unexpected::Signed(v),
                &Expecting(Self::EXPECTING),
            )),
        }
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(
                de::Unexpected::Unsigned(v),
                &Expecting(Self::EXPECTING),
            )),
        }
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        Err(E::invalid_type(
            de::Unexpected::Float(v),
            &Expecting(Self::EXPECTING),
        ))
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Ok(v)
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E> {
        let t = v.trim();
        if t == "1" || t.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if t == "0" || t.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(invalid_str::<Self, E>(v))
        }
    }
}

impl Lenient for String {
    const EXPECTING: &'static str = "a string, number or boolean";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Self, E> {
        Ok(v.to_owned())
    }
    fn from_string<E: de::Error>(v: String) -> Result<Self, E> {
        Ok(v)
    }
}

struct Required<T>(PhantomData<T>);

impl<T: Lenient> Visitor<'_> for Required<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        T::from_string(v)
    }
}

struct Optional<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for Optional<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or {}", T::EXPECTING)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::from_bool(v).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::from_i64(v).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::from_u64(v).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        T::from_f64(v).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            T::from_str(v).map(Some)
        }
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            T::from_string(v).map(Some)
        }
    }
}

fn required<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(Required::<T>(PhantomData))
}

fn optional<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_option(Optional::<T>(PhantomData))
}

/// An `i64` from a JSON number or a string holding one (trimmed).
pub fn de_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    required(d)
}

/// A `u64` from a JSON number or a string holding one (trimmed).
pub fn de_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    required(d)
}

/// An `f64` from a JSON number or a string holding one (trimmed).
pub fn de_f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    required(d)
}

/// A `bool` from `true`/`false`, `0`/`1`, `"0"`/`"1"` or `"true"`/`"false"`
/// in any case (`"True"`), trimmed.
pub fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    required(d)
}

/// A `String` from a string, or a number or boolean rendered as text.
pub fn de_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    required(d)
}

/// Like [`de_i64`], inside `Option` (null, absent or blank → `None`).
pub fn de_opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional(d)
}

/// Like [`de_u64`], inside `Option` (null, absent or blank → `None`).
pub fn de_opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    optional(d)
}

/// Like [`de_f64`], inside `Option` (null, absent or blank → `None`).
pub fn de_opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    optional(d)
}

/// Like [`de_bool`], inside `Option` (null, absent or blank → `None`).
pub fn de_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    optional(d)
}

/// Like [`de_string`], inside `Option` (null or absent → `None`). An empty
/// string stays `Some("")`: for text, empty is a value.
pub fn de_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptionalString)
}

struct OptionalString;

impl<'de> Visitor<'de> for OptionalString {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null, a string, a number or a boolean")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        de_string(d).map(Some)
    }
}

/// Serializes a `bool` as the integer `1` or `0`.
pub fn ser_bool_zero_one<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u8(u8::from(*value))
}

/// Serializes a `bool` as the string `"True"` or `"False"`.
pub fn ser_bool_true_false<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(if *value { "True" } else { "False" })
}

/// [`ser_bool_zero_one`] inside `Option` (`None` → null, which the client
/// skips).
pub fn ser_opt_bool_zero_one<S: Serializer>(
    value: &Option<bool>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => ser_bool_zero_one(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// [`ser_bool_true_false`] inside `Option` (`None` → null, which the client
/// skips).
pub fn ser_opt_bool_true_false<S: Serializer>(
    value: &Option<bool>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => ser_bool_true_false(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// For fields the vendor may leave empty (`allow_empty` in a spec): null, an
/// empty or blank string, `[]` and `{}` read as `None`; anything else is read
/// as `T`. Use with `#[serde(default, deserialize_with = "…")]`.
pub fn de_empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize as _;
    let value = serde_json::Value::deserialize(d)?;
    let empty = match &value {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(items) => items.is_empty(),
        serde_json::Value::Object(map) => map.is_empty(),
        _ => false,
    };
    if empty {
        return Ok(None);
    }
    T::deserialize(value).map(Some).map_err(de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "de_empty_as_none")]
        value: Option<u8>,
    }

    fn read(json: &str) -> Result<Option<u8>, serde_json::Error> {
        serde_json::from_str::<Holder>(json).map(|h| h.value)
    }

    #[test]
    fn empty_values_read_as_none() {
        for json in [
            r#"{}"#,
            r#"{"value":null}"#,
            r#"{"value":""}"#,
            r#"{"value":"  "}"#,
            r#"{"value":[]}"#,
            r#"{"value":{}}"#,
        ] {
            assert_eq!(read(json).unwrap(), None, "{json}");
        }
        assert_eq!(read(r#"{"value":7}"#).unwrap(), Some(7));
        assert!(read(r#"{"value":"x"}"#).is_err());
    }
}
