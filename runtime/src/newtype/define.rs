//! One macro invocation per generated type: the doc, the name and the rule
//! go in, the derives, the struct, the rule's trait impl and everything the
//! `*_newtype!` macros add come out. Generated code then holds only what
//! differs per type.
//!
//! A rule body is a block of statements that each return early with the
//! first broken rule (`rules::min_length(value, 1)?;`); the macro adds the
//! `Ok(())`.

/// Defines a validated string type.
///
/// ```
/// use hostapi_runtime::validate::rules;
///
/// hostapi_runtime::string_type! {
///     /// A six-character code.
///     pub struct Code(String);
///     check |value| {
///         rules::length_in(value, &[6])?;
///     }
/// }
///
/// assert!(Code::new("ABC123").is_ok());
/// assert!(Code::new("ABC").is_err());
/// ```
///
/// `as sensitive` after the struct hides the value from `Debug` and from
/// violations ([`string_newtype!`](crate::string_newtype)); a second block,
/// `check_number |value| { … }`, checks a value that arrived as a JSON
/// number (decimals, whose written digits a number loses).
#[macro_export]
macro_rules! string_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(String) $(as $sensitive:ident)?;
        $(check |$value:ident| $check:block)?
        $(check_number |$number:ident| $check_number:block)?
    ) => {
        $(#[$attr])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(::std::string::String);

        $crate::string_newtype!($name $(, $sensitive)?);

        impl $crate::newtype::StringConstraint for $name {
            // Inlinable across the crate boundary: a caller that only asks
            // whether the value passes then never builds the `Result`.
            #[inline]
            #[allow(unused_variables)]
            fn check(value: &str) -> ::core::result::Result<(), $crate::validate::Violation> {
                $( let $value: &str = value; $check )?
                Ok(())
            }

            $(
                /// A JSON number has lost its written digits, so only what
                /// survives in it is checked.
                #[inline]
                fn check_number(value: &str) -> ::core::result::Result<(), $crate::validate::Violation> {
                    let $number: &str = value;
                    $check_number
                    Ok(())
                }
            )?
        }
    };
}

/// Defines a validated integer type; see [`string_type!`](crate::string_type).
///
/// ```
/// use hostapi_runtime::validate::rules;
///
/// hostapi_runtime::integer_type! {
///     /// A positive integer.
///     pub struct Positive(i64);
///     check |value| {
///         rules::int_min(value, 1)?;
///     }
/// }
///
/// assert_eq!(Positive::new(3).map(Positive::get).ok(), Some(3));
/// assert!(Positive::new(0).is_err());
/// ```
#[macro_export]
macro_rules! integer_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(i64);
        $(check |$value:ident| $check:block)?
    ) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(i64);

        $crate::integer_newtype!($name);

        impl $crate::newtype::IntegerConstraint for $name {
            #[inline]
            #[allow(unused_variables)]
            fn check(value: i64) -> ::core::result::Result<(), $crate::validate::Violation> {
                $( let $value: i64 = value; $check )?
                Ok(())
            }
        }
    };
}

/// Defines a validated floating-point type; see
/// [`string_type!`](crate::string_type).
#[macro_export]
macro_rules! float_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(f64);
        $(check |$value:ident| $check:block)?
    ) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
        $vis struct $name(f64);

        $crate::float_newtype!($name);

        impl $crate::newtype::FloatConstraint for $name {
            #[inline]
            #[allow(unused_variables)]
            fn check(value: f64) -> ::core::result::Result<(), $crate::validate::Violation> {
                $( let $value: f64 = value; $check )?
                Ok(())
            }
        }
    };
}

/// Defines a boolean type written on the wire as `1`/`0` (`as zero_one`) or
/// `True`/`False` (`as true_false`); see
/// [`boolean_newtype!`](crate::boolean_newtype).
#[macro_export]
macro_rules! boolean_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(bool) as $encoding:ident;
    ) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name(bool);

        $crate::boolean_newtype!($name, $encoding);
    };
}

/// Defines a unix time type: whole seconds since 1970-01-01T00:00:00Z; see
/// [`unix_time_newtype!`](crate::unix_time_newtype).
#[macro_export]
macro_rules! unix_time_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(i64);
    ) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(i64);

        $crate::unix_time_newtype!($name);
    };
}

/// Defines an associative array of any keys and values; see
/// [`map_newtype!`](crate::map_newtype).
#[macro_export]
macro_rules! map_type {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(Map);
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, Default, PartialEq)]
        $vis struct $name(::serde_json::Map<::std::string::String, ::serde_json::Value>);

        $crate::map_newtype!($name);
    };
}

/// Defines a union ("Either: A or B"): an enum with one variant per member
/// type. Reading tries the members in order and keeps the first that
/// accepts the value; a tolerant read then falls back to the first that can
/// read it ([`decode::union`](crate::decode::union)).
///
/// ```
/// hostapi_runtime::union_type! {
///     /// A number or a word.
///     pub enum NumberOrWord {
///         /// A number.
///         Number(i64),
///         /// A word.
///         Word(String),
///     }
/// }
///
/// let read: NumberOrWord = serde_json::from_str("\"five\"").unwrap();
/// assert_eq!(read, NumberOrWord::Word("five".into()));
/// assert_eq!(NumberOrWord::from(5), NumberOrWord::Number(5));
/// ```
#[macro_export]
macro_rules! union_type {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$member_attr:meta])* $member:ident($ty:ty) ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq)]
        $vis enum $name {
            $( $(#[$member_attr])* $member($ty), )+
        }

        $(
            impl ::core::convert::From<$ty> for $name {
                #[inline]
                fn from(value: $ty) -> Self {
                    Self::$member(value)
                }
            }
        )+

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $( Self::$member(value) => ::serde::Serialize::serialize(value, serializer), )+
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let members = &[$(stringify!($member)),+];
                let read = $crate::decode::union(stringify!($name), members, &value, |value| {
                    $(
                        if let Some(member) = $crate::decode::member(value) {
                            return Some(Self::$member(member));
                        }
                    )+
                    None
                });
                read.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }

        impl $crate::validate::Validate for $name {
            #[inline]
            fn validate(&self, violations: &mut $crate::validate::Violations) {
                match self {
                    $( Self::$member(value) => $crate::validate::Validate::validate(value, violations), )+
                }
            }
        }
    };
}

/// Defines an enumeration of documented wire values, with an `Unknown`
/// variant keeping any other value as received; see
/// [`enum_newtype!`](crate::enum_newtype). `as case_insensitive` after the
/// name matches received values in any ASCII case.
///
/// ```
/// hostapi_runtime::enum_type! {
///     /// A colour.
///     pub enum Colour as case_insensitive {
///         /// `red`
///         Red = "red",
///         /// `blue`
///         Blue = "blue",
///     }
/// }
///
/// assert_eq!(serde_json::from_str::<Colour>("\"RED\"").unwrap(), Colour::Red);
/// assert_eq!(Colour::Blue.to_string(), "blue");
/// ```
#[macro_export]
macro_rules! enum_type {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident as case_insensitive {
            $( $(#[$value_attr:meta])* $value:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $crate::enum_type!(@define true, $(#[$attr])* $vis $name { $( $(#[$value_attr])* $value = $wire ),+ });
    };
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$value_attr:meta])* $value:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $crate::enum_type!(@define false, $(#[$attr])* $vis $name { $( $(#[$value_attr])* $value = $wire ),+ });
    };
    (
        @define $case_insensitive:literal, $(#[$attr:meta])* $vis:vis $name:ident {
            $( $(#[$value_attr:meta])* $value:ident = $wire:literal ),+
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$value_attr])* $value, )+
            /// A value this spec does not list, kept as received. Sending it fails validation.
            Unknown(::std::string::String),
        }

        $crate::enum_newtype!($name);

        impl $crate::newtype::EnumValues for $name {
            const VALUES: &'static [&'static str] = &[$($wire),+];

            #[inline]
            fn as_wire(&self) -> &str {
                match self {
                    $( Self::$value => $wire, )+
                    Self::Unknown(value) => value,
                }
            }

            #[inline]
            fn from_wire(value: &str) -> Self {
                $(
                    if $crate::newtype::wire_matches(value, $wire, $case_insensitive) {
                        return Self::$value;
                    }
                )+
                Self::Unknown(value.to_string())
            }

            #[inline]
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }
    };
}
