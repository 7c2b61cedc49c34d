//! The shared half of generated newtypes.
//!
//! Generated code declares each constrained type, with its documentation and
//! a `check` specialised to its rule; the macros here add the conversions,
//! serde and validation impls every such type needs, so they are not
//! repeated per type in generated code. Their non-generic methods are
//! `#[inline]`, as records' are (see [`record`](mod@crate::record)), so they are
//! compiled where they are used, not for every type a spec declares.
//!
//! Deserialized on its own, a value that breaks its rule is refused, as its
//! constructor refuses it; inside a response read by the client (or a
//! record), it is kept and reported unless the read is strict (see
//! [`decode`](crate::decode)).

use crate::validate::{ConstraintError, Violation};

mod define;

/// A string type's documented rule.
pub trait StringConstraint {
    /// Checks `value` against the rule.
    fn check(value: &str) -> Result<(), Violation>;

    /// Checks a value that arrived as a JSON number and was turned into
    /// text. A number loses its written form (`5.00` arrives as `5`), so
    /// decimal types relax their digit-count rules here.
    fn check_number(value: &str) -> Result<(), Violation> {
        Self::check(value)
    }
}

/// Reads a string, or a number as its text; says which it was.
pub fn de_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<(String, bool), D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = (String, bool);
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok((v.to_owned(), false))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok((v, false))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok((v.to_string(), true))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok((v.to_string(), true))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok((v.to_string(), true))
        }
    }
    deserializer.deserialize_any(Text)
}

/// An integer type's documented rule.
pub trait IntegerConstraint {
    /// Checks `value` against the rule.
    fn check(value: i64) -> Result<(), Violation>;
}

/// A floating-point type's documented rule.
pub trait FloatConstraint {
    /// Checks `value` against the rule.
    fn check(value: f64) -> Result<(), Violation>;
}

/// An enumeration's values as written on the wire.
pub trait EnumValues: Sized {
    /// Every documented value.
    const VALUES: &'static [&'static str];
    /// The value as sent.
    fn as_wire(&self) -> &str;
    /// The variant for `value`; values the spec does not list are kept.
    fn from_wire(value: &str) -> Self;
    /// Whether the value is one the spec lists.
    fn is_known(&self) -> bool;
}

/// Runs a rule and names the type in the error.
pub fn constrained<T>(
    type_name: &'static str,
    result: Result<T, Violation>,
) -> Result<T, ConstraintError> {
    result.map_err(|violation| ConstraintError {
        type_name,
        violation,
    })
}

/// Implements construction, conversions, serde and validation for a
/// validated string newtype `struct Name(String)` implementing
/// [`StringConstraint`]. With `sensitive`, Debug hides the value, there is no
/// Display, and violations never describe its characters.
#[macro_export]
macro_rules! string_newtype {
    ($name:ident) => {
        $crate::string_newtype!(@common $name, false);
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl ::core::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl $name {
            /// The value.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
    ($name:ident, sensitive) => {
        $crate::string_newtype!(@common $name, true);
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(concat!(stringify!($name), "([REDACTED])"))
            }
        }
        impl $name {
            /// The secret value. Take care where it goes.
            #[inline]
            pub fn expose(&self) -> &str {
                &self.0
            }
        }
    };
    (@common $name:ident, $sensitive:expr) => {
        impl $name {
            /// Checks `value` against the documented rule.
            #[inline]
            pub fn new(
                value: impl ::core::convert::Into<::std::string::String>,
            ) -> ::core::result::Result<Self, $crate::validate::ConstraintError> {
                let value = value.into();
                Self::validate_str(&value)?;
                Ok(Self(value))
            }

            /// Wraps `value` without checking it. A client still validates
            /// requests before sending them, unless validation is switched off.
            #[inline]
            pub fn new_unchecked(value: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(value.into())
            }

            /// The value, consuming the wrapper.
            #[inline]
            pub fn into_inner(self) -> ::std::string::String {
                self.0
            }

            #[inline]
            fn validate_str(value: &str) -> ::core::result::Result<(), $crate::validate::ConstraintError> {
                let result = <Self as $crate::newtype::StringConstraint>::check(value);
                let result = if $sensitive { result.map_err(|v| v.redacted()) } else { result };
                $crate::newtype::constrained(stringify!($name), result)
            }
        }
        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::validate::ConstraintError;
            #[inline]
            fn try_from(value: &str) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::validate::ConstraintError;
            #[inline]
            fn try_from(value: ::std::string::String) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::validate::ConstraintError;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::new(value)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let (value, from_number) = $crate::newtype::de_text(deserializer)?;
                let checked = if from_number {
                    <Self as $crate::newtype::StringConstraint>::check_number(&value)
                } else {
                    <Self as $crate::newtype::StringConstraint>::check(&value)
                };
                let checked = if $sensitive { checked.map_err(|v| v.redacted()) } else { checked };
                $crate::decode::accept(stringify!($name), checked)
                    .map_err(<D::Error as ::serde::de::Error>::custom)?;
                Ok(Self(value))
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                violations.check(Self::validate_str(&self.0), $sensitive);
            }
        }
    };
}

/// Implements construction, conversions, serde (numbers or numeric strings
/// on input) and validation for `struct Name(i64)` implementing
/// [`IntegerConstraint`].
#[macro_export]
macro_rules! integer_newtype {
    ($name:ident) => {
        impl $name {
            /// Checks `value` against the documented rule.
            #[inline]
            pub fn new(
                value: i64,
            ) -> ::core::result::Result<Self, $crate::validate::ConstraintError> {
                Self::validate_i64(value)?;
                Ok(Self(value))
            }

            /// Wraps `value` without checking it. A client still validates
            /// requests before sending them, unless validation is switched off.
            #[inline]
            pub fn new_unchecked(value: i64) -> Self {
                Self(value)
            }

            /// The value.
            #[inline]
            pub fn get(self) -> i64 {
                self.0
            }

            #[inline]
            fn validate_i64(
                value: i64,
            ) -> ::core::result::Result<(), $crate::validate::ConstraintError> {
                $crate::newtype::constrained(
                    stringify!($name),
                    <Self as $crate::newtype::IntegerConstraint>::check(value),
                )
            }
        }
        impl ::core::convert::TryFrom<i64> for $name {
            type Error = $crate::validate::ConstraintError;
            #[inline]
            fn try_from(value: i64) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl ::core::convert::From<$name> for i64 {
            #[inline]
            fn from(value: $name) -> i64 {
                value.0
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::validate::ConstraintError;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                let parsed: i64 =
                    value
                        .trim()
                        .parse()
                        .map_err(|_| $crate::validate::ConstraintError {
                            type_name: stringify!($name),
                            violation: $crate::validate::Violation {
                                rule: "integer",
                                message: "expected a whole number".to_string(),
                            },
                        })?;
                Self::new(parsed)
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = $crate::wire_value::de_i64(deserializer)?;
                $crate::decode::accept(
                    stringify!($name),
                    <Self as $crate::newtype::IntegerConstraint>::check(value),
                )
                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                Ok(Self(value))
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                violations.check(Self::validate_i64(self.0), false);
            }
        }
    };
}

/// Implements construction, conversions, serde and validation for
/// `struct Name(f64)` implementing [`FloatConstraint`].
#[macro_export]
macro_rules! float_newtype {
    ($name:ident) => {
        impl $name {
            /// Checks `value` against the documented rule.
            #[inline]
            pub fn new(
                value: f64,
            ) -> ::core::result::Result<Self, $crate::validate::ConstraintError> {
                Self::validate_f64(value)?;
                Ok(Self(value))
            }

            /// Wraps `value` without checking it. A client still validates
            /// requests before sending them, unless validation is switched off.
            #[inline]
            pub fn new_unchecked(value: f64) -> Self {
                Self(value)
            }

            /// The value.
            #[inline]
            pub fn get(self) -> f64 {
                self.0
            }

            #[inline]
            fn validate_f64(
                value: f64,
            ) -> ::core::result::Result<(), $crate::validate::ConstraintError> {
                $crate::newtype::constrained(
                    stringify!($name),
                    <Self as $crate::newtype::FloatConstraint>::check(value),
                )
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_f64(self.0)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = $crate::wire_value::de_f64(deserializer)?;
                $crate::decode::accept(
                    stringify!($name),
                    <Self as $crate::newtype::FloatConstraint>::check(value),
                )
                .map_err(<D::Error as ::serde::de::Error>::custom)?;
                Ok(Self(value))
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                violations.check(Self::validate_f64(self.0), false);
            }
        }
    };
}

/// Implements conversions and serde for `struct Name(bool)`, written on the
/// wire as `1`/`0` (`zero_one`) or `True`/`False` (`true_false`). Any of the
/// common spellings is accepted on input.
#[macro_export]
macro_rules! boolean_newtype {
    ($name:ident, zero_one) => {
        $crate::boolean_newtype!(@common $name, $crate::wire_value::ser_bool_zero_one);
    };
    ($name:ident, true_false) => {
        $crate::boolean_newtype!(@common $name, $crate::wire_value::ser_bool_true_false);
    };
    (@common $name:ident, $ser:path) => {
        impl $name {
            /// Wraps `value`.
            #[inline]
            pub fn new(value: bool) -> Self {
                Self(value)
            }

            /// The value.
            #[inline]
            pub fn get(self) -> bool {
                self.0
            }
        }
        impl ::core::convert::From<bool> for $name {
            #[inline]
            fn from(value: bool) -> Self {
                Self(value)
            }
        }
        impl ::core::convert::From<$name> for bool {
            #[inline]
            fn from(value: $name) -> bool {
                value.0
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $ser(&self.0, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::wire_value::de_bool(deserializer).map(Self)
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, _: &mut $crate::validate::Violations) {}
        }
    };
}

/// Implements construction, conversions, serde and validation for a unix
/// time `struct Name(i64)`: whole seconds since 1970-01-01T00:00:00Z, not
/// before it.
#[macro_export]
macro_rules! unix_time_newtype {
    ($name:ident) => {
        impl $crate::newtype::IntegerConstraint for $name {
            #[inline]
            fn check(value: i64) -> ::core::result::Result<(), $crate::validate::Violation> {
                $crate::validate::rules::int_min(value, 0)
            }
        }
        $crate::integer_newtype!($name);
        impl $name {
            /// The instant this value names; `None` for a value before the
            /// epoch (only reachable through `new_unchecked`) or beyond what
            /// the platform's clock can hold.
            #[inline]
            pub fn to_system_time(self) -> ::core::option::Option<::std::time::SystemTime> {
                let seconds = u64::try_from(self.0).ok()?;
                ::std::time::UNIX_EPOCH.checked_add(::std::time::Duration::from_secs(seconds))
            }

            /// The whole seconds of `time` since the epoch; `None` before it.
            #[inline]
            pub fn from_system_time(time: ::std::time::SystemTime) -> ::core::option::Option<Self> {
                let seconds = time.duration_since(::std::time::UNIX_EPOCH).ok()?.as_secs();
                i64::try_from(seconds).ok().map(Self)
            }
        }
    };
}

/// Implements conversions and serde for an associative array
/// `struct Name(serde_json::Map<String, serde_json::Value>)`. An empty JSON
/// array is read as an empty map, as PHP servers send one.
#[macro_export]
macro_rules! map_newtype {
    ($name:ident) => {
        impl $name {
            /// Wraps `map`.
            #[inline]
            pub fn new(map: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
                Self(map)
            }

            /// The entries.
            #[inline]
            pub fn as_map(&self) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
                &self.0
            }

            /// The entries, consuming the wrapper.
            #[inline]
            pub fn into_inner(
                self,
            ) -> ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                self.0
            }

            /// Adds an entry, builder style.
            #[inline]
            pub fn with(
                mut self,
                key: impl ::core::convert::Into<::std::string::String>,
                value: impl ::core::convert::Into<::serde_json::Value>,
            ) -> Self {
                self.0.insert(key.into(), value.into());
                self
            }
        }
        impl ::core::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
            for $name
        {
            #[inline]
            fn from(map: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
                Self(map)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::newtype::de_map(deserializer).map(Self)
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, _: &mut $crate::validate::Violations) {}
        }
    };
}

/// Reads a JSON object, or an empty array standing for an empty one.
pub fn de_map<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<serde_json::Map<String, serde_json::Value>, D::Error> {
    use serde::de::Error;
    match <serde_json::Value as serde::Deserialize>::deserialize(deserializer)? {
        serde_json::Value::Object(map) => Ok(map),
        serde_json::Value::Array(items) if items.is_empty() => Ok(serde_json::Map::new()),
        other => Err(D::Error::custom(format!(
            "expected an associative array, got {}",
            crate::decode::json_kind(&other)
        ))),
    }
}

/// Implements Display, FromStr, serde and validation for an enumeration
/// implementing [`EnumValues`]. Unknown values read from a response are
/// kept (and reported, see [`decode`](crate::decode)), except in a strict
/// read; sending one fails validation.
#[macro_export]
macro_rules! enum_newtype {
    ($name:ident) => {
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($crate::newtype::EnumValues::as_wire(self))
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::validate::ConstraintError;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                let parsed = <Self as $crate::newtype::EnumValues>::from_wire(value);
                $crate::newtype::constrained(
                    stringify!($name),
                    $crate::newtype::check_enum(&parsed),
                )?;
                Ok(parsed)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::newtype::EnumValues::as_wire(self))
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = $crate::wire_value::de_string(deserializer)?;
                let parsed = <Self as $crate::newtype::EnumValues>::from_wire(&value);
                $crate::decode::accept_enum(stringify!($name), &parsed)
                    .map_err(<D::Error as ::serde::de::Error>::custom)?;
                Ok(parsed)
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                violations.check(
                    $crate::newtype::constrained(
                        stringify!($name),
                        $crate::newtype::check_enum(self),
                    ),
                    false,
                );
            }
        }
    };
}

/// Fails for a value the spec does not list.
pub fn check_enum<E: EnumValues>(value: &E) -> Result<(), Violation> {
    crate::validate::rules::enum_known(value.is_known(), E::VALUES)
}

/// Whether a received enumeration value is the documented `wire` value,
/// in any ASCII case when the spec says case does not matter.
pub fn wire_matches(value: &str, wire: &str, case_insensitive: bool) -> bool {
    if case_insensitive {
        value.eq_ignore_ascii_case(wire)
    } else {
        value == wire
    }
}
