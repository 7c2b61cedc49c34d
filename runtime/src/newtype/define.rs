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
            #[allow(unused_variables)]
            fn check(value: &str) -> ::core::result::Result<(), $crate::validate::Violation> {
                $( let $value: &str = value; $check )?
                Ok(())
            }

            $(
                /// A JSON number has lost its written digits, so only what
                /// survives in it is checked.
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
