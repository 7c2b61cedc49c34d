//! The shared half of generated records: request and response structs and
//! nested objects.
//!
//! Generated code declares each record with [`record!`](crate::record!):
//! its documentation, fields and Rust types, and which way it travels. The
//! macro adds the constructor and `with_` setters, one method listing the
//! fields ([`Fields`], [`SentFields`]), and the serde and validation impls.
//! `Debug`, `PartialEq`, `Serialize` and `Validate` are one call each into
//! this module, which walks that list; `Deserialize` is one call too, which
//! reads every field with the [`Reader`] as the record's [`slots`] say.
//! Nothing per record is derived by a procedural macro, and every field is
//! read and written by one generic function per field *type*, shared by all
//! records, which keeps large APIs cheap to compile (at ten times Liquid Web
//! v1, the field list took the compiler's peak memory down by a tenth and
//! the slot reader by another 6 %; docs/benchmarks.md).
//!
//! Every non-generic method the macro writes is `#[inline]`: the crate that
//! declares the records (with every method of every API it enables) then
//! compiles only their front end, and machine code is made where a method
//! is used. At ten times Liquid Web v1 this took the `hostapi` crate's code
//! generation from about 15 s to under 2 s and its peak memory down by about
//! 130 MB (docs/benchmarks.md).
//!
//! Fields are read from a JSON object by wire name; a missing required
//! field or a value of the wrong shape names the field. Unknown fields are
//! ignored. Values that break their documented rule are kept and listed by
//! the record's `violations()` (see [`decode`](crate::decode)). `None`
//! fields are left out when writing. A response that is one map rather
//! than a record is a [`MapResponse`] (in `map_response`).

mod fields;
mod map_response;
pub mod slots;
mod writer;

pub use fields::{
    FieldValue, FieldVisitor, Fields, SentFieldVisitor, SentFields, SentValue, debug, debug_sent,
    eq, eq_sent, serialize, validate,
};
pub use map_response::MapResponse;
pub use writer::{Writer, series_name};

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned};
use serde_json::{Map, Value};

use crate::decode::context::{self, RecordScope, Segment};
use crate::decode::tracked::{RECORD, take_handed_over};
use crate::decode::{ResponseViolation, Tracked, json_kind, short_type_name};
use crate::validate::Violation;

/// Reads the fields of one record from a JSON object, tolerantly or
/// strictly as the [decode context](crate::decode) says, and collects what
/// the record's values break.
///
/// Every field is read, in order, by a method that keeps the first error
/// and returns what it could read (`None` for a required field that
/// failed); [`Reader::finish`] then reports that error. A generated
/// `Deserialize` does not call it field by field: [`slots::read_record`]
/// does, as the record's slot types say, which keeps the compiled bodies
/// of thousands of records small.
pub struct Reader<E> {
    map: Map<String, Value>,
    scope: RecordScope,
    error: Option<E>,
}

impl<E> fmt::Debug for Reader<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("fields", &self.map.len())
            .finish_non_exhaustive()
    }
}

impl<E: de::Error> Reader<E> {
    /// Reads the object (anything else is an error).
    pub fn new<'de, D: de::Deserializer<'de, Error = E>>(deserializer: D) -> Result<Self, E> {
        let map = deserializer.deserialize_struct(RECORD, &[], ObjectVisitor)?;
        Ok(Reader {
            map,
            scope: RecordScope::enter(),
            error: None,
        })
    }

    /// What the record's values break, with paths relative to the record,
    /// or the first field's error; call after reading every field.
    pub fn finish(self) -> Result<Box<[ResponseViolation]>, E> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.scope.finish()),
        }
    }

    /// The first field's error, for a record missing a required field.
    pub fn into_error(self) -> E {
        self.error
            .unwrap_or_else(|| E::custom("a required field could not be read"))
    }

    /// `result`'s value, or `None` with its error kept (the first one).
    fn keep<T>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.error.get_or_insert(error);
                None
            }
        }
    }

    fn take(&mut self, wire: &str) -> Option<Value> {
        self.map.remove(wire).filter(|v| !v.is_null())
    }

    /// Reads a field's value, naming the field in an error.
    fn read<T>(wire: &str, read: impl FnOnce() -> Result<T, serde_json::Error>) -> Result<T, E> {
        context::at(Segment::Field(wire), read).map_err(|e| field_error(wire, e))
    }

    /// Reads an optional field's value. One that cannot be read as its type
    /// at all is, in a tolerant read, `None` and reported (with the
    /// received value when `keep_received`), else an error.
    fn optional<T>(
        wire: &str,
        value: Value,
        type_name: impl FnOnce() -> Cow<'static, str>,
        expected: Option<&'static str>,
        keep_received: bool,
        read: impl FnOnce(Value) -> Result<T, serde_json::Error>,
    ) -> Result<Option<T>, E> {
        let kind = json_kind(&value);
        let received = (keep_received
            && !matches!(value, Value::Array(_) | Value::Object(_))
            && context::state() == context::State::Tolerant)
            .then(|| value.clone());
        Self::read(wire, || {
            let mark = context::mark();
            let error = match read(value) {
                Ok(value) => return Ok(Some(value)),
                Err(error) => error,
            };
            context::rollback(mark);
            let message = match expected {
                Some(expected) => format!("expected {expected}, got {kind}"),
                None => format!("cannot be read as this type (got {kind}); read as absent"),
            };
            if context::report(type_name(), Violation::new("type", message), received) {
                Ok(None)
            } else {
                Err(error)
            }
        })
    }

    /// A field that is always present.
    pub fn req<T: DeserializeOwned>(&mut self, wire: &'static str) -> Option<T> {
        let result = match self.take(wire) {
            None => Err(E::missing_field(wire)),
            Some(value) => Self::read(wire, || T::deserialize(Tracked(value))),
        };
        self.keep(result)
    }

    /// A field that may be absent or null.
    pub fn opt<T: DeserializeOwned>(&mut self, wire: &'static str) -> Option<T> {
        let result = match self.take(wire) {
            None => Ok(None),
            Some(value) => Self::optional(wire, value, short_type_name::<T>, None, false, |v| {
                T::deserialize(Tracked(v))
            }),
        };
        self.keep(result).flatten()
    }

    /// A builtin number, boolean or string that real servers also send in
    /// another form (numbers as strings, booleans as `0`/`1`).
    pub fn lenient<T: Lenient>(&mut self, wire: &'static str) -> Option<T> {
        let result = match self.take(wire) {
            None => Err(E::missing_field(wire)),
            // A builtin reports nothing while it is read, so the field's
            // path is not pushed onto the decode context.
            Some(value) => T::read(value).map_err(|e| field_error(wire, e)),
        };
        self.keep(result)
    }

    /// [`Reader::lenient`] for a field that may be absent; a blank string
    /// is absent too, except for text.
    pub fn opt_lenient<T: Lenient>(&mut self, wire: &'static str) -> Option<T> {
        let result = match self.take(wire) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() && !T::KEEPS_BLANK => Ok(None),
            // Builtin fields are never secret (the generator reads secret
            // ones as `Secret` with `opt`), so the received value may be
            // shown. Text reads every scalar; only the others can fail.
            Some(value) => Self::optional(
                wire,
                value,
                || T::NAME.into(),
                Some(T::EXPECTING),
                !T::KEEPS_BLANK,
                T::read,
            ),
        };
        self.keep(result).flatten()
    }

    /// A field the vendor may leave empty (`""`, `[]`, `{}`): empty is
    /// absent.
    pub fn empty<T: DeserializeOwned>(&mut self, wire: &'static str) -> Option<T> {
        let result = match self.take(wire) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::Array(items)) if items.is_empty() => Ok(None),
            Some(Value::Object(map)) if map.is_empty() => Ok(None),
            Some(value) => Self::optional(wire, value, short_type_name::<T>, None, false, |v| {
                T::deserialize(Tracked(v))
            }),
        };
        self.keep(result).flatten()
    }

    /// A numbered series the client collected into a list (absent: empty).
    pub fn series<T: DeserializeOwned>(&mut self, wire: &'static str) -> Vec<T> {
        self.opt(wire).unwrap_or_default()
    }
}

/// A field's read error, naming the field.
fn field_error<E: de::Error>(wire: &str, error: serde_json::Error) -> E {
    E::custom(format_args!("field `{wire}`: {error}"))
}

/// Reads a record's object: handed over whole by the client's deserializer
/// (see [`RECORD`]), or entry by entry from any other.
struct ObjectVisitor;

impl<'de> de::Visitor<'de> for ObjectVisitor {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        while let Some((key, value)) = access.next_entry::<String, Value>()? {
            map.insert(key, value);
        }
        Ok(map)
    }

    fn visit_unit<Err: de::Error>(self) -> Result<Self::Value, Err> {
        take_handed_over().ok_or_else(|| Err::invalid_type(de::Unexpected::Unit, &self))
    }
}

/// Builtins read leniently by [`Reader::lenient`]: `i64`, `f64`, `bool`
/// and `String`, with the conversions of [`crate::wire_value`].
pub trait Lenient: Sized {
    /// Whether a blank string is a value (text) rather than absent.
    const KEEPS_BLANK: bool = false;
    /// The builtin's name in reports (`"integer"`).
    const NAME: &'static str = "value";
    /// What a readable value looks like, for reports.
    const EXPECTING: &'static str = "a value of this type";
    /// Reads the value.
    fn read(value: Value) -> Result<Self, serde_json::Error>;
}

impl Lenient for i64 {
    const NAME: &'static str = "integer";
    const EXPECTING: &'static str = "an integer or a string holding one";
    fn read(value: Value) -> Result<Self, serde_json::Error> {
        crate::wire_value::de_i64(value)
    }
}

impl Lenient for f64 {
    const NAME: &'static str = "float";
    const EXPECTING: &'static str = "a number or a string holding one";
    fn read(value: Value) -> Result<Self, serde_json::Error> {
        crate::wire_value::de_f64(value)
    }
}

impl Lenient for bool {
    const NAME: &'static str = "boolean";
    const EXPECTING: &'static str = "a boolean: true/false, 0/1 or \"0\"/\"1\"";
    fn read(value: Value) -> Result<Self, serde_json::Error> {
        crate::wire_value::de_bool(value)
    }
}

impl Lenient for String {
    const KEEPS_BLANK: bool = true;
    const NAME: &'static str = "string";
    const EXPECTING: &'static str = "a string, number or boolean";
    fn read(value: Value) -> Result<Self, serde_json::Error> {
        crate::wire_value::de_string(value)
    }
}

/// Declares the [`MethodDescriptor`](crate::wire::MethodDescriptor) of a
/// method whose name goes into the URL path (`{section}/{name}`), which is
/// not idempotent and has no numbered series: the common case, in one line.
///
/// ```
/// hostapi_runtime::method!(TOKEN, "Account/Auth", "token");
/// assert_eq!(TOKEN.wire_name, "Account/Auth/token");
/// ```
#[macro_export]
macro_rules! method {
    ($name:ident, $section:literal, $method:literal) => {
        static $name: $crate::wire::MethodDescriptor = $crate::wire::MethodDescriptor {
            section: $section,
            name: $method,
            wire_name: concat!($section, "/", $method),
            idempotent: false,
            returns_secrets: false,
            series: &[],
            binding: None,
            headers: &[],
            text_body: None,
        };
    };
}

/// The wire name of a field: its own name, or the one given.
#[doc(hidden)]
#[macro_export]
macro_rules! __record_wire {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $wire:literal) => {
        $wire
    };
}

/// The type `new` and a setter take for a field, and the value stored
/// from it: a secret field (`{secret}`) takes anything that converts into
/// its secret type, so callers pass the plain value or the secret alike.
#[doc(hidden)]
#[macro_export]
macro_rules! __record_arg {
    ({} $ty:ty) => {
        $ty
    };
    ({secret} $ty:ty) => {
        impl ::core::convert::Into<$ty>
    };
    (@value {} $value:ident) => {
        $value
    };
    (@value {secret} $value:ident) => {
        ::core::convert::Into::into($value)
    };
}

/// Declares a record and the impls for the ways it travels.
///
/// ```
/// hostapi_runtime::record! {
///     /// Parameters of `Network/DNS/Record/list`.
///     pub struct ListRequest: send {
///         optional {
///             /// A positive integer value (i.e. 1 and up).
///             page_num / with_page_num: i64,
///             /// The zone's name.
///             zone / with_zone: String,
///             /// The zone's id.
///             zone_id / with_zone_id: i64,
///         }
///         required_if {
///             "zone" if "zone_id" absent;
///             "zone_id" if "zone" absent;
///         }
///     }
///
///     /// What `Utilities/Info/ping` returns.
///     pub struct PingResponse: receive {
///         required {
///             /// `ping`.
///             ping: String => lenient,
///         }
///         optional {
///             /// The wire name differs from the field's.
///             server_time("serverTime"): i64 => opt_lenient,
///         }
///     }
/// }
///
/// let request = ListRequest::default().with_zone("example.com".to_string());
/// let response: PingResponse = serde_json::from_str(r#"{"ping":"success"}"#).unwrap();
/// # let _ = (request, response);
/// ```
///
/// The struct derives `Clone`, has `Debug` (listing the violations found
/// when it was read, if any) and `PartialEq` (comparing the documented
/// fields), and is `#[non_exhaustive]`. Groups may be left out when empty,
/// and `required`, `optional` and `series` may each be given more than once:
/// a received record reads each such group as one tuple of at most
/// [`MAX_GROUP_FIELDS`](crate::record::slots::MAX_GROUP_FIELDS) fields, so a
/// longer group is written as several.
///
/// * `send`: `new(required fields…)` (and `Default` when nothing is
///   required), a `with_` setter per optional field
///   (named after the `/`), `Serialize` (wire names, `None` left out) and
///   `Validate` (every field, then the `required_if` rules: `"a" if "b"
///   absent, "c" is "1";` makes `a` required while `b` is absent and `c`
///   goes on the wire as `1`).
/// * `receive`: `Deserialize`, each field read as the [`Reader`] method named
///   after the `=>` reads it (`req`, `lenient`; `opt`, `opt_lenient`,
///   `empty`; one call for all fields, [`slots`]), and
///   `violations()`: what the received values break (see
///   [`decode`](crate::decode)).
/// * `series { … }` lists numbered series: received, collected into lists
///   from `Err1`, `Err2`, …; sent with its numbers (`ns("NS{n}") / with_ns
///   [1..=12]: T`), written as `NS1`, `NS2`, … in order and validated: each
///   value at its own name, more values than numbers a violation naming the
///   series; `[1..=12 required]` wants at least one value, and `[1..]`
///   has no highest number (the vendor gives none).
/// * `groups { … }` (sent records only) lists numbered series of groups:
///   parameters that travel together, one record per group
///   (`entries / with_entries [1..] count "EntryCount": Entry`). The
///   group's record names its members with `{n}` (`address("Address{n}")`);
///   each group goes out as its members numbered in order (`Address1`,
///   `ForwardTo1`, `Address2`, …) and is validated at those names, and
///   the count parameter, when given, is written first with the number of
///   groups.
///
/// Required fields come first, then optional ones, then series, then
/// groups; a field's
/// wire name is its name unless given in parentheses. `[secret]` before a
/// field's `:` marks its type as a secret one (`Secret`, `Sensitive<T>`):
/// `new` and its setter take `impl Into<that type>`, so callers pass the
/// plain value (`"pw"`, a `T`) or the secret itself without `.into()`.
///
/// One invocation may declare several records, one after the other, as the
/// example does: a file of records needs one `record!` around them all.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident : $($way:ident)+ {
            $(required {
                $(
                    $(#[$rmeta:meta])*
                    $rfield:ident $(($rwire:literal))? $([$rflag:ident])? : $rty:ty
                    $(=> $rmode:ident)?
                ),* $(,)?
            })*
            $(optional {
                $(
                    $(#[$ometa:meta])*
                    $ofield:ident $(($owire:literal))? $(/ $osetter:ident)? $([$oflag:ident])?
                    : $oty:ty $(=> $omode:ident)?
                ),* $(,)?
            })*
            $(series {
                $(
                    $(#[$smeta:meta])*
                    $sfield:ident $(($swire:literal))? $(/ $ssetter:ident)?
                    $([$($sbounds:tt)*])? : $sty:ty
                ),* $(,)?
            })*
            $(groups {
                $(
                    $(#[$gmeta:meta])*
                    $gfield:ident / $gsetter:ident [$($gbounds:tt)*] $(count $gcount:literal)? : $gty:ty
                ),* $(,)?
            })?
            $(required_if {
                $( $target:literal if $( $cfield:literal $ckind:ident $($cvalue:literal)? ),+ ; )*
            })?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        #[non_exhaustive]
        pub struct $name {
            $($( $(#[$rmeta])* pub $rfield: $rty, )*)*
            $($( $(#[$ometa])* pub $ofield: ::core::option::Option<$oty>, )*)*
            $($( $(#[$smeta])* pub $sfield: ::std::vec::Vec<$sty>, )*)*
            $($( $(#[$gmeta])* pub $gfield: ::std::vec::Vec<$gty>, )*)?
            __violations: ::std::boxed::Box<[$crate::decode::ResponseViolation]>,
        }
        // The body goes to each way's arm once; an arm for a way the
        // record does not travel expands to nothing. (Each extra macro call
        // with the body costs the compiler memory in large APIs.)
        $crate::record!(@send [$($way)+] $name {
            required { $($( $rfield [$($rwire)?] [] {$($rflag)?} : $rty [$($rmode)?], )*)* }
            optional { $($( $ofield [$($owire)?] [$($osetter)?] {$($oflag)?} : $oty [$($omode)?], )*)* }
            series { $($( $sfield [$($swire)?] [$($ssetter)?] {$($($sbounds)*)?} : $sty [series], )*)* }
            groups { $($( $gfield [$($gcount)?] [$gsetter] {$($gbounds)*} : $gty ),*)? }
            required_if { $($( $target if $( $cfield $ckind $($cvalue)? ),+ ; )*)? }
        });
        $crate::record!(@groups_not_received [$($way)+] $($($gfield)*)?);
        $crate::record!(@receive [$($way)+] $name {
            required { $([ $( $rfield [$($rwire)?] : $rty [$($rmode)?], )* ])* }
            optional { $([ $( $ofield [$($owire)?] : $oty [$($omode)?], )* ])* }
            series { $([ $( $sfield [$($swire)?] : $sty [series], )* ])* }
            required_if { $($( $target if $( $cfield $ckind $($cvalue)? ),+ ; )*)? }
        });
    };
    // A record that is only received lists its fields for `Debug` and
    // `PartialEq`; one that is also sent has them from its sent list.
    (@received_fields [receive] $name:ident [$($field:ident)*]) => {
        impl $crate::record::Fields for $name {
            fn visit<'a, V: $crate::record::FieldVisitor<'a>>(&'a self, v: &mut V) {
                $( v.field(stringify!($field), &self.$field); )*
            }
        }
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::record::debug(self, stringify!($name), &self.__violations, f)
            }
        }
        // Equal when the documented fields are: what a read reported about
        // the values is not part of them.
        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::record::eq(self, other)
            }
        }
    };
    (@received_fields [$($way:ident)+] $name:ident [$($field:ident)*]) => {};
    (@send [receive] $($body:tt)*) => {};
    // A sent record: the one list of its fields (with wire names and series
    // numbering) that `Debug`, `PartialEq`, `Serialize` and `Validate`
    // walk, and its constructor and setters.
    (@send [$($way:ident)+] $name:ident {
        required { $( $rfield:ident [$($rwire:literal)?] [] $rflag:tt : $rty:ty [$($rmode:ident)?], )* }
        optional { $( $ofield:ident [$($owire:literal)?] [$($osetter:ident)?] $oflag:tt : $oty:ty [$($omode:ident)?], )* }
        series { $( $sfield:ident [$($swire:literal)?] [$($ssetter:ident)?] $sbounds:tt : $sty:ty [series], )* }
        groups { $( $gfield:ident [$($gcount:literal)?] [$gsetter:ident] $gbounds:tt : $gty:ty ),* }
        required_if { $( $target:literal if $( $cfield:literal $ckind:ident $($cvalue:literal)? ),+ ; )* }
    }) => {
        impl $crate::record::SentFields for $name {
            $crate::record!(@required_if [
                $( $target if $( $cfield $ckind $($cvalue)? ),+ ; )*
            ]);
            fn visit<'a, V: $crate::record::SentFieldVisitor<'a>>(&'a self, v: &mut V) {
                $( v.field(stringify!($rfield), $crate::__record_wire!($rfield $($rwire)?), &self.$rfield); )*
                $( v.field(stringify!($ofield), $crate::__record_wire!($ofield $($owire)?), &self.$ofield); )*
                $( v.series(
                    stringify!($sfield),
                    $crate::__record_wire!($sfield $($swire)?),
                    $crate::record!(@numbering $sbounds),
                    &self.$sfield,
                ); )*
                $( v.group(
                    stringify!($gfield),
                    $crate::record!(@count [$($gcount)?]),
                    $crate::record!(@group_numbering $gbounds),
                    &self.$gfield,
                ); )*
            }
        }
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::record::debug_sent(self, stringify!($name), &self.__violations, f)
            }
        }
        // Equal when the documented fields are: what a read reported about
        // the values is not part of them.
        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::record::eq_sent(self, other)
            }
        }
        impl $name {
            /// A value with the required fields; add optional ones with the
            /// `with_` methods.
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            #[inline]
            pub fn new($( $rfield: $crate::__record_arg!($rflag $rty) ),*) -> Self {
                Self {
                    $( $rfield: $crate::__record_arg!(@value $rflag $rfield), )*
                    $( $ofield: ::core::option::Option::None, )*
                    $( $sfield: ::std::vec::Vec::new(), )*
                    $( $gfield: ::std::vec::Vec::new(), )*
                    __violations: ::core::default::Default::default(),
                }
            }
            $($(
                #[doc = concat!("Sets `", stringify!($ofield), "`.")]
                #[inline]
                pub fn $osetter(mut self, value: $crate::__record_arg!($oflag $oty)) -> Self {
                    self.$ofield = ::core::option::Option::Some(
                        $crate::__record_arg!(@value $oflag value)
                    );
                    self
                }
            )?)*
            $($(
                #[doc = concat!("Sets `", stringify!($sfield), "`, in the order sent.")]
                #[inline]
                pub fn $ssetter(mut self, values: impl ::core::iter::IntoIterator<Item = $sty>) -> Self {
                    self.$sfield = values.into_iter().collect();
                    self
                }
            )?)*
            $(
                #[doc = concat!("Sets `", stringify!($gfield), "`, one record per numbered group, in the order sent.")]
                #[inline]
                pub fn $gsetter(mut self, groups: impl ::core::iter::IntoIterator<Item = $gty>) -> Self {
                    self.$gfield = groups.into_iter().collect();
                    self
                }
            )*
        }
        $crate::record!(@default $name [$($rfield)*]);
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::record::serialize(self, serializer)
            }
        }
        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                $crate::record::validate(self, violations)
            }
        }
    };
    // A series numbered `[first..=last]` (`[1..=12 required]`: one value
    // at least) goes out one parameter per number; one without numbers, as
    // one list under its wire name.
    (@numbering {}) => {
        ::core::option::Option::None
    };
    (@numbering {$first:literal ..}) => {
        ::core::option::Option::Some($crate::validate::Numbering { first: $first, max: ::core::option::Option::None, required: false })
    };
    (@numbering {$first:literal .. required}) => {
        ::core::option::Option::Some($crate::validate::Numbering { first: $first, max: ::core::option::Option::None, required: true })
    };
    (@group_numbering {$($bounds:tt)*}) => {
        match $crate::record!(@numbering {$($bounds)*}) {
            ::core::option::Option::Some(numbering) => numbering,
            ::core::option::Option::None => $crate::validate::Numbering { first: 1, max: ::core::option::Option::None, required: false },
        }
    };
    (@count []) => {
        ::core::option::Option::None
    };
    (@count [$count:literal]) => {
        ::core::option::Option::Some($count)
    };
    // A record that is received cannot have groups: no arm reads them.
    (@groups_not_received [$($way:ident)+]) => {};
    (@groups_not_received [send] $($group:ident)+) => {};
    (@numbering {$first:literal ..= $last:literal}) => {
        ::core::option::Option::Some($crate::validate::Numbering { first: $first, max: ::core::option::Option::Some($last + 1 - $first), required: false })
    };
    (@numbering {$first:literal ..= $last:literal required}) => {
        ::core::option::Option::Some($crate::validate::Numbering { first: $first, max: ::core::option::Option::Some($last + 1 - $first), required: true })
    };
    (@required_if []) => {};
    (@required_if [
        $( $target:literal if $( $cfield:literal $ckind:ident $($cvalue:literal)? ),+ ; )+
    ]) => {
        const REQUIRED_IF: &'static [$crate::validate::RequiredIf] = &[
            $(
                $crate::validate::RequiredIf {
                    field: $target,
                    when: &[ $( $crate::validate::When::$ckind($cfield $(, $cvalue)?) ),+ ],
                },
            )+
        ];
    };
    (@default $name:ident []) => {
        impl ::core::default::Default for $name {
            #[inline]
            fn default() -> Self {
                Self::new()
            }
        }
    };
    (@default $name:ident [$($required:ident)+]) => {};
    (@receive [send] $($body:tt)*) => {};
    (@receive [$($way:ident)+] $name:ident {
        required { $([ $( $rfield:ident [$($rwire:literal)?] : $rty:ty [$rmode:ident], )* ])* }
        optional { $([ $( $ofield:ident [$($owire:literal)?] : $oty:ty [$omode:ident], )* ])* }
        series { $([ $( $sfield:ident [$($swire:literal)?] : $sty:ty [series], )* ])* }
        required_if { $($body:tt)* }
    }) => {
        $crate::record!(@received_fields [$($way)+] $name [$($($rfield)*)* $($($ofield)*)* $($($sfield)*)*]);
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                // One call reads every field: the types say how, one
                // tuple per group of fields (slots.rs says why).
                match $crate::record::slots::read_record::<D, (
                    $( ($( $crate::record::slots::$rmode<$rty>, )*), )*
                    $( ($( $crate::record::slots::$omode<$oty>, )*), )*
                    $( ($( $crate::record::slots::series<$sty>, )*), )*
                )>(deserializer, &[
                    $($( $crate::__record_wire!($rfield $($rwire)?), )*)*
                    $($( $crate::__record_wire!($ofield $($owire)?), )*)*
                    $($( $crate::__record_wire!($sfield $($swire)?), )*)*
                ]) {
                    ::core::result::Result::Ok((
                        ( $( ($($rfield,)*), )* $( ($($ofield,)*), )* $( ($($sfield,)*), )* ),
                        __violations,
                    )) => ::core::result::Result::Ok(Self {
                        $($( $rfield, )*)*
                        $($( $ofield, )*)*
                        $($( $sfield, )*)*
                        __violations,
                    }),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            }
        }
        impl $name {
            /// The received values that break their documented rule,
            /// anywhere inside this record, with paths relative to it
            /// (`items[2].region_id`). They were kept (an optional field
            /// that could not be read at all is `None`) and logged as
            /// `tracing` warnings; a client with strict responses refuses
            /// such a response instead. Empty for a value built in code.
            #[inline]
            pub fn violations(&self) -> &[$crate::decode::ResponseViolation] {
                &self.__violations
            }
        }
    };
    // Several records in one invocation, each expanded by the arms above.
    // At least two, so a malformed single record is reported by those arms
    // rather than looping back here.
    (
        $(#[$first_meta:meta])*
        pub struct $first:ident : $($first_way:ident)+ { $($first_body:tt)* }
        $(
            $(#[$meta:meta])*
            pub struct $name:ident : $($way:ident)+ { $($body:tt)* }
        )+
    ) => {
        $crate::record! {
            $(#[$first_meta])*
            pub struct $first : $($first_way)+ { $($first_body)* }
        }
        $(
            $crate::record! {
                $(#[$meta])*
                pub struct $name : $($way)+ { $($body)* }
            }
        )+
    };
}

#[cfg(test)]
mod tests;
