//! Declaring an API's documented errors: [`api_errors!`](crate::api_errors)
//! for the enum of them all, [`api_error!`](crate::api_error!) for the
//! struct of one error that documents fields. Generated code names each
//! error and field once; the matching, `raw()`, retryability and the
//! trait impls are written here.

/// Declares an API's error enum: one variant per documented error with the
/// class (or class prefix) that selects it, plus `Other` for the rest.
///
/// ```
/// hostapi_runtime::api_errors! {
///     pub enum ApiError {
///         /// `LW::Exception::RecordNotFound`: no such record.
///         RecordNotFound = "LW::Exception::RecordNotFound",
///         /// `LW::Exception::API::RateLimit`: too many calls.
///         RateLimit(RateLimitFields) [retryable] = "LW::Exception::API::RateLimit",
///         /// `Invalid Payment Method`…: any class starting so.
///         InvalidPaymentMethod = prefix "Invalid Payment Method",
///     }
/// }
///
/// hostapi_runtime::api_error! {
///     /// The fields of `RateLimit`.
///     pub struct RateLimitFields {
///         /// The method called.
///         method: Option<String>,
///     }
/// }
///
/// use hostapi_runtime::ApiErrorType as _;
/// let raw = |class: &str| hostapi_runtime::RawApiError {
///     class: Some(class.into()),
///     message: None,
///     fields: serde_json::json!({"method": "list"}).as_object().cloned().unwrap(),
///     details: Vec::new(),
///     status: 200,
/// };
/// let limited = ApiError::from_raw(raw("LW::Exception::API::RateLimit"));
/// assert!(matches!(&limited, ApiError::RateLimit(f) if f.method.as_deref() == Some("list")));
/// assert!(limited.is_retryable());
/// let payment = ApiError::from_raw(raw("Invalid Payment Method. Valid options include x"));
/// assert!(matches!(payment, ApiError::InvalidPaymentMethod(_)));
/// let other = ApiError::from_raw(raw("Something::Else"));
/// assert!(matches!(other, ApiError::Other(_)) && !other.is_retryable());
/// assert_eq!(other.raw().class.as_deref(), Some("Something::Else"));
/// ```
///
/// A variant carries the struct named in parentheses (declared with
/// `api_error!`), else the [`RawApiError`](crate::RawApiError); every
/// variant is boxed so results stay small. `= "class"` matches the class
/// exactly, `= prefix "text"` any class starting with it; the first
/// variant that matches wins. `[retryable]` marks an error whose calls of
/// idempotent methods are repeated (see [`ApiErrorType::is_retryable`](crate::ApiErrorType::is_retryable)).
#[macro_export]
macro_rules! api_errors {
    (
        pub enum $name:ident {
            $(
                $(#[$meta:meta])*
                $variant:ident $(($fields:ident))? $([$retryable:ident])? = $($prefix:ident)? $class:literal,
            )*
        }
    ) => {
        /// An error the API reported, by its documented class. Errors that
        /// document fields carry a struct with those fields read (each an
        /// `Option`: absent or unreadable is `None`, and the raw error keeps
        /// the value); the others carry the raw error. Every variant keeps
        /// the whole error, see `raw()`. Variants are boxed so that
        /// results stay small.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$meta])*
                $variant(::std::boxed::Box<$crate::__api_errors!(payload $($fields)?)>),
            )*
            /// An error this spec does not list, kept whole.
            Other(::std::boxed::Box<$crate::error::RawApiError>),
        }

        impl $name {
            /// The error as received: class, message and every field.
            #[inline]
            pub fn raw(&self) -> &$crate::error::RawApiError {
                match self {
                    $(Self::$variant(error) => $crate::__api_errors!(raw error $($fields)?),)*
                    Self::Other(raw) => raw,
                }
            }

            /// Whether the spec marks this error retryable (transient: a rate
            /// limit, maintenance). Calls of idempotent methods that fail with
            /// it are repeated under the client's retry policy.
            #[inline]
            pub fn is_retryable(&self) -> bool {
                match self {
                    $(Self::$variant(_) => $crate::__api_errors!(retryable $($retryable)?),)*
                    Self::Other(_) => false,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(self.raw(), f)
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::error::ApiErrorType for $name {
            fn from_raw(raw: $crate::error::RawApiError) -> Self {
                $(
                    let class = raw.class.as_deref().unwrap_or_default();
                    if $crate::__api_errors!(matches class $($prefix)? $class) {
                        let error = $crate::__api_errors!(read raw $($fields)?);
                        return Self::$variant(::std::boxed::Box::new(error));
                    }
                )*
                Self::Other(::std::boxed::Box::new(raw))
            }

            #[inline]
            fn is_retryable(&self) -> bool {
                $name::is_retryable(self)
            }
        }
    };
}

/// The parts of [`api_errors!`](crate::api_errors) that differ between a
/// variant with fields and one without, exact and prefix classes,
/// retryable or not.
#[doc(hidden)]
#[macro_export]
macro_rules! __api_errors {
    (payload) => {
        $crate::error::RawApiError
    };
    (payload $fields:ident) => {
        $fields
    };
    (raw $error:ident) => {
        $error
    };
    (raw $error:ident $fields:ident) => {
        $error.raw()
    };
    (retryable) => {
        false
    };
    (retryable retryable) => {
        true
    };
    (matches $class:ident $key:literal) => {
        $class == $key
    };
    (matches $class:ident prefix $key:literal) => {
        $class.starts_with($key)
    };
    (read $raw:ident) => {
        $raw
    };
    (read $raw:ident $fields:ident) => {
        $fields::from_raw($raw)
    };
}

/// Declares the struct of one documented error: its fields, each named
/// once, read from the [`RawApiError`](crate::RawApiError) by `from_raw`, plus `raw()` and
/// `Display` (see [`raw_api_error!`](crate::raw_api_error)).
///
/// ```
/// hostapi_runtime::api_error! {
///     /// `RecordNotFound`: no such record.
///     pub struct RecordNotFound {
///         /// The field named.
///         field: Option<String>,
///         /// The wire name differs from the field's.
///         kind("type"): Option<String>,
///         /// Errors nested in this one, each read with the API's rule.
///         errors: Vec<hostapi_runtime::RawApiError> => nested(RULE),
///     }
/// }
/// # use hostapi_runtime::wire::ErrorRule;
/// static RULE: ErrorRule = ErrorRule::FieldPresent { field: "error_class", message: None };
/// let raw = hostapi_runtime::RawApiError {
///     class: Some("RecordNotFound".into()),
///     message: None,
///     fields: serde_json::json!({"type": "zone", "errors": [{"error_class": "Inner"}]})
///         .as_object()
///         .cloned()
///         .unwrap(),
///     details: Vec::new(),
///     status: 200,
/// };
/// let error = RecordNotFound::from_raw(raw);
/// assert_eq!((error.field.as_deref(), error.kind.as_deref()), (None, Some("zone")));
/// assert_eq!(error.errors[0].class.as_deref(), Some("Inner"));
/// assert_eq!(error.raw().class.as_deref(), Some("RecordNotFound"));
/// ```
///
/// A field is `Option<T>`, read tolerantly by [`RawApiError::field`](crate::RawApiError::field) from
/// its wire name (the field's own unless given in parentheses), or a list
/// of nested errors read by [`RawApiError::nested_as`](crate::RawApiError::nested_as) with the rule after
/// `nested`. The struct is `#[non_exhaustive]` and keeps the raw error.
#[macro_export]
macro_rules! api_error {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident $(($wire:literal))?: $ty:ty $(=> nested($rule:expr))?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            raw: $crate::error::RawApiError,
        }

        impl $name {
            /// Reads the documented fields of `raw`, keeping it whole.
            #[inline]
            pub(crate) fn from_raw(raw: $crate::error::RawApiError) -> Self {
                Self {
                    $($field: $crate::__api_error_field!(raw, $crate::__record_wire!($field $($wire)?) $(, $rule)?),)*
                    raw,
                }
            }
        }

        $crate::raw_api_error!($name);
    };
}

/// How an [`api_error!`](crate::api_error) field is read.
#[doc(hidden)]
#[macro_export]
macro_rules! __api_error_field {
    ($raw:ident, $wire:expr) => {
        $raw.field($wire)
    };
    ($raw:ident, $wire:expr, $rule:expr) => {
        $raw.nested_as($wire, &$rule)
    };
}
