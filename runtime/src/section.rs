//! Declaring an API's sections and clients: [`section!`](crate::section!)
//! and [`api_client!`](crate::api_client).
//!
//! Generated code names each method, credential and section once; these
//! macros write the async and blocking forms, the method descriptors and
//! the constructors, so every API shares one implementation of them.

/// The parameters of a method that takes none: an empty JSON object.
#[doc(hidden)]
pub type NoParams = serde_json::Map<String, serde_json::Value>;

/// Declares a section: its methods, each once, expanded into an async
/// struct, a blocking struct (behind the invoking crate's `blocking`
/// feature) and a [`MethodDescriptor`](crate::wire::MethodDescriptor) per
/// method.
///
/// ```
/// pub mod dns {
///     hostapi_runtime::section! {
///         pub struct Dns, DnsBlocking;
///         section "Network/DNS" errors hostapi_runtime::RawApiError;
///
///         /// Every record of a zone, one page at a time.
///         fn list(ListRequest) -> serde_json::Value = LIST "list" { idempotent: true },
///             /// Every record, page after page.
///             pages list_all -> serde_json::Value = ("page_num", "items", "page_total");
///         /// Whether the API answers.
///         fn ping() -> serde_json::Value = PING "ping" { wire_name: "ping" };
///     }
///
///     hostapi_runtime::record! {
///         /// Parameters of `list`.
///         pub struct ListRequest: send {}
///     }
///
///     pub fn descriptors() -> [&'static hostapi_runtime::wire::MethodDescriptor; 2] {
///         [&LIST, &PING]
///     }
/// }
///
/// let [list, ping] = dns::descriptors();
/// assert_eq!((list.wire_name, list.idempotent), ("Network/DNS/list", true));
/// assert_eq!((ping.wire_name, ping.idempotent), ("ping", false));
/// ```
///
/// Each method is `fn name(Request) -> Response = DESCRIPTOR "wire name"`
/// (no request type for a method without parameters). The descriptor's
/// wire name is `{section}/{name}`, the method neither idempotent nor
/// returning secrets and without series, unless fields in braces say
/// otherwise. `, pages name_all -> Item = ("page", "items", "page_total")`
/// adds the method's page-walking form (a [`Pages`](crate::Pages) stream,
/// an `Iterator` when blocking); other paging styles write their wire names
/// in braces, `{ cursor: "cursor", next: "next_cursor", items: "items" }`
/// (see [`Paging`](crate::Paging)). Calls fail with
/// [`Error`](crate::Error)`<errors type>`. The blocking methods are
/// documented by a link to their async form.
///
/// An async method returns the runtime's call future itself rather than
/// wrapping it in an `async fn` of its own, and every method is
/// `#[inline]`: the crate declaring a section then compiles no state
/// machine or call path per method, and an application compiles only the
/// methods it calls. The future is `Send` and borrows the section and the
/// request until it completes.
#[macro_export]
macro_rules! section {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, $(#[$blocking_meta:meta])* $blocking:ident;
        section $section:literal errors $api_error:ty;
        $(
            $(#[$method_meta:meta])*
            fn $method:ident($($request:ty)?) -> $response:ty
                = $descriptor:ident $method_name:literal
                $({ $($field:ident: $value:expr),* $(,)? })?
            $(,
                $(#[$pages_meta:meta])*
                pages $pages:ident -> $item:ty = $paging:tt
            )?;
        )*
    ) => {
        $(#[$meta])*
        #[doc = "The methods of the section this module covers, each calling the API once."]
        #[doc = "Get one from the API's `Client`."]
        #[derive(Clone, Copy, Debug)]
        pub struct $name<'a> {
            client: &'a $crate::Client,
        }

        impl<'a> $name<'a> {
            #[inline]
            pub(crate) fn new(client: &'a $crate::Client) -> Self {
                Self { client }
            }

            $(
                $crate::__section_method! {
                    async $api_error; [$(#[$method_meta])*]
                    $method($($request)?) -> $response = $descriptor
                    $(, [$(#[$pages_meta])*] $pages -> $item = $paging)?
                }
            )*
        }

        $(#[$blocking_meta])*
        #[doc = ::core::concat!(
            "The methods of [`", ::core::stringify!($name), "`], each blocking the calling thread ",
            "(feature `blocking`). Get one from the API's `BlockingClient`."
        )]
        #[cfg(feature = "blocking")]
        #[derive(Clone, Copy, Debug)]
        pub struct $blocking<'a> {
            client: &'a $crate::blocking::Client,
        }

        #[cfg(feature = "blocking")]
        impl<'a> $blocking<'a> {
            #[inline]
            pub(crate) fn new(client: &'a $crate::blocking::Client) -> Self {
                Self { client }
            }

            $(
                $crate::__section_method! {
                    blocking $api_error; $name
                    $method($($request)?) -> $response = $descriptor
                    $(, $pages -> $item = $paging)?
                }
            )*
        }

        $(
            pub(crate) static $descriptor: $crate::wire::MethodDescriptor =
                $crate::wire::MethodDescriptor {
                    $($($field: $value,)*)?
                    ..$crate::wire::MethodDescriptor {
                        section: $section,
                        name: $method_name,
                        wire_name: ::core::concat!($section, "/", $method_name),
                        idempotent: false,
                        returns_secrets: false,
                        series: &[],
                        binding: None,
                        headers: &[],
                        text_body: None,
                    }
                };
        )*
    };
}

/// One method of [`section!`](crate::section), async or blocking, with or
/// without a request, with its page-walking form if it has one.
#[doc(hidden)]
#[macro_export]
macro_rules! __section_method {
    (async $api_error:ty; [$($meta:tt)*] $method:ident() -> $response:ty = $descriptor:ident) => {
        $($meta)*
        #[inline]
        pub fn $method(
            &self,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<$response, $crate::Error<$api_error>>,
        > {
            self.client.call_without_params(&$descriptor)
        }
    };
    (
        async $api_error:ty; [$($meta:tt)*]
        $method:ident($request:ty) -> $response:ty = $descriptor:ident
        $(, [$($pages_meta:tt)*] $pages:ident -> $item:ty = $paging:tt)?
    ) => {
        $($meta)*
        #[inline]
        pub fn $method(
            &self,
            request: &$request,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<$response, $crate::Error<$api_error>>,
        > {
            self.client.call(&$descriptor, request)
        }

        $(
            $($pages_meta)*
            #[doc = ::core::concat!(
                "Every item of [`", ::core::stringify!($method), "`](Self::", ::core::stringify!($method),
                "), page after page, as a `Stream`: a page is fetched once the one before is used up, ",
                "starting at the page the request asks for (or the first) and ending after the last ",
                "page. The stream ends after yielding an error. Take items with `.next().await`."
            )]
            #[inline]
            pub fn $pages(&self, request: &$request) -> $crate::Pages<$item, $api_error> {
                let paging = $crate::__paging!($paging);
                $crate::Pages::new(self.client, &$descriptor, paging, request)
            }
        )?
    };
    (blocking $api_error:ty; $name:ident $method:ident() -> $response:ty = $descriptor:ident) => {
        #[doc = ::core::concat!("Blocking form of [`", ::core::stringify!($name), "::", ::core::stringify!($method), "`].")]
        #[inline]
        pub fn $method(&self) -> ::core::result::Result<$response, $crate::Error<$api_error>> {
            self.client.call(&$descriptor, &$crate::section::NoParams::new())
        }
    };
    (
        blocking $api_error:ty; $name:ident
        $method:ident($request:ty) -> $response:ty = $descriptor:ident
        $(, $pages:ident -> $item:ty = $paging:tt)?
    ) => {
        #[doc = ::core::concat!("Blocking form of [`", ::core::stringify!($name), "::", ::core::stringify!($method), "`].")]
        #[inline]
        pub fn $method(
            &self,
            request: &$request,
        ) -> ::core::result::Result<$response, $crate::Error<$api_error>> {
            self.client.call(&$descriptor, request)
        }

        $(
            #[doc = ::core::concat!(
                "Blocking form of [`", ::core::stringify!($name), "::", ::core::stringify!($pages),
                "`]: an `Iterator`, each page fetched when the one before is used up."
            )]
            #[inline]
            pub fn $pages(&self, request: &$request) -> $crate::blocking::Pages<$item, $api_error> {
                let paging = $crate::__paging!($paging);
                self.client.pages(&$descriptor, paging, request)
            }
        )?
    };
}

/// A method's [`Paging`](crate::Paging) as [`section!`](crate::section)
/// takes it: page numbers as `(page, items, page_total)`; the other styles
/// as their wire names in braces, the first key naming the style:
/// `{ offset: …, limit: …, page_size: N, total: …, items: … }` (`limit`,
/// `page_size` and `total` each optional), `{ cursor: …, next: …, items: … }`,
/// `{ link: …, items: … }`.
#[doc(hidden)]
#[macro_export]
macro_rules! __paging {
    (($page:literal, $items:literal, $total:literal)) => {
        $crate::Paging::new($page, $items, $total)
    };
    ({ offset: $offset:literal $(, limit: $limit:literal)? $(, page_size: $size:literal)?
        $(, total: $total:literal)?, items: $items:literal $(,)? }) => {
        $crate::Paging::Offset {
            offset: $offset,
            limit: $crate::__paging!(@option $($limit)?),
            page_size: $crate::__paging!(@option $($size)?),
            total: $crate::__paging!(@option $($total)?),
            items: $items,
        }
    };
    ({ cursor: $cursor:literal, next: $next:literal, items: $items:literal $(,)? }) => {
        $crate::Paging::Cursor { cursor: $cursor, next: $next, items: $items }
    };
    ({ link: $link:literal, items: $items:literal $(,)? }) => {
        $crate::Paging::Link { link: $link, items: $items }
    };
    (@option) => {
        ::core::option::Option::None
    };
    (@option $value:literal) => {
        ::core::option::Option::Some($value)
    };
}

/// Declares an API's `Credentials`, its `Client` and `BlockingClient`
/// (behind the invoking crate's `blocking` feature) and one accessor per
/// section, re-exporting each section's structs.
///
/// ```
/// # use hostapi_runtime::wire::*;
/// # static API: ApiDescriptor = ApiDescriptor {
/// #     name: "example", title: "Example", default_base_url: "https://api.invalid",
/// #     wire: Wire {
/// #         http_method: HttpMethod::Post, method_name: MethodName::Path,
/// #         params: ParamEncoding::Form, basic_auth: None,
/// #         credential_params: &[CredentialParam { wire_name: "pw", credential: "pw" }],
/// #         auth_schemes: &[],
/// #         response: ResponseFormat::Json,
/// #         error: ErrorRule::FieldPresent { field: "error", message: None },
/// #     },
/// #     session: None,
/// #     statuses: &[],
/// #     servers: &[],
/// # };
/// hostapi_runtime::api_client! {
///     api API;
///     /// Credentials for the API.
///     pub struct Credentials {
///         /// The account name.
///         username: String,
///         /// The password; the runtime knows it as `pw`.
///         password("pw"): Secret,
///     }
///     /// A client.
///     pub struct Client;
///     /// A blocking client.
///     pub struct BlockingClient;
///     sections {
///         /// The methods of `Account`.
///         account: Account, AccountBlocking;
///     }
/// }
///
/// pub mod account {
///     hostapi_runtime::section! {
///         pub struct Account, AccountBlocking;
///         section "Account" errors hostapi_runtime::RawApiError;
///
///         /// The balance.
///         fn balance() -> serde_json::Value = BALANCE "balance";
///     }
/// }
///
/// fn main() -> Result<(), hostapi_runtime::BuildError> {
///     let client = Client::new(Credentials::new("me", "secret"))?;
///     let account = client.account();
///     let _balance = account.balance(); // a future, not polled here
///     assert!(!format!("{client:?}").contains("secret"));
///     Ok(())
/// }
/// ```
///
/// A credential is `String` (sent as given, shown in `Debug`) or `Secret`
/// (never shown); its name for the runtime is the field's unless given in
/// parentheses. `fn with_token_session;` (any name, with its docs) adds
/// that constructor to both clients, for APIs with a token session. Each
/// `sections` entry is `module: Section, SectionBlocking` for the structs
/// [`section!`](crate::section!) declared in `module`; the accessor is named
/// after the module. `credentials Path;` in place of the struct uses
/// credentials declared elsewhere with [`credentials!`](crate::credentials)
/// (a type library's, shared by its APIs).
#[macro_export]
macro_rules! api_client {
    (
        api $api:ident;
        $(#[$credentials_meta:meta])*
        pub struct $credentials:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident $(($name:literal))?: $kind:ident,
            )*
        }
        $($rest:tt)*
    ) => {
        $crate::credentials! {
            $(#[$credentials_meta])*
            pub struct $credentials {
                $(
                    $(#[$field_meta])*
                    $field $(($name))?: $kind,
                )*
            }
        }
        $crate::api_client! { api $api; credentials $credentials; $($rest)* }
    };
    (
        api $api:ident;
        credentials $credentials:ty;
        $(#[$client_meta:meta])*
        pub struct $client:ident;
        $(#[$blocking_meta:meta])*
        pub struct $blocking:ident;
        $(
            $(#[$session_meta:meta])*
            fn $session:ident;
        )?
        sections {
            $(
                $(#[$accessor_meta:meta])*
                $module:ident: $section:ident, $section_blocking:ident;
            )*
        }
    ) => {
        $(pub use self::$module::$section;)*

        $(#[$client_meta])*
        #[derive(Clone, Debug)]
        pub struct $client {
            inner: $crate::Client,
        }

        impl $client {
            /// A client with the default configuration.
            #[inline]
            pub fn new(credentials: $credentials) -> ::core::result::Result<Self, $crate::BuildError> {
                Self::with_config(credentials, $crate::ClientConfig::default())
            }

            /// A client with `config`: base URL, timeouts, retries, validation, body limit.
            #[inline]
            pub fn with_config(
                credentials: $credentials,
                config: $crate::ClientConfig,
            ) -> ::core::result::Result<Self, $crate::BuildError> {
                let inner = $crate::Client::new(&$api, $crate::Credentials::from(credentials), config)?;
                ::core::result::Result::Ok(Self { inner })
            }

            $(
                $(#[$session_meta])*
                #[inline]
                pub fn $session(
                    credentials: $credentials,
                    config: $crate::ClientConfig,
                    session: $crate::SessionConfig,
                ) -> ::core::result::Result<Self, $crate::BuildError> {
                    let credentials = $crate::Credentials::from(credentials);
                    let inner = $crate::Client::with_token_session(&$api, credentials, config, session)?;
                    ::core::result::Result::Ok(Self { inner })
                }
            )?

            /// The shared runtime client underneath.
            #[inline]
            pub fn runtime(&self) -> &$crate::Client {
                &self.inner
            }

            $(
                $(#[$accessor_meta])*
                #[doc = ::core::concat!(
                    "The methods of the section [`", ::core::stringify!($module), "`](", ::core::stringify!($module),
                    ") covers."
                )]
                #[inline]
                pub fn $module(&self) -> $section<'_> {
                    $section::new(&self.inner)
                }
            )*
        }

        $(
            #[cfg(feature = "blocking")]
            pub use self::$module::$section_blocking;
        )*

        $(#[$blocking_meta])*
        #[cfg(feature = "blocking")]
        #[derive(Clone, Debug)]
        pub struct $blocking {
            inner: $crate::blocking::Client,
        }

        #[cfg(feature = "blocking")]
        impl $blocking {
            /// A blocking client with the default configuration.
            #[inline]
            pub fn new(credentials: $credentials) -> ::core::result::Result<Self, $crate::BuildError> {
                Self::with_config(credentials, $crate::ClientConfig::default())
            }

            /// A blocking client with `config`: base URL, timeouts, retries, validation, body limit.
            #[inline]
            pub fn with_config(
                credentials: $credentials,
                config: $crate::ClientConfig,
            ) -> ::core::result::Result<Self, $crate::BuildError> {
                let inner = $crate::blocking::Client::new(&$api, $crate::Credentials::from(credentials), config)?;
                ::core::result::Result::Ok(Self { inner })
            }

            $(
                $(#[$session_meta])*
                #[inline]
                pub fn $session(
                    credentials: $credentials,
                    config: $crate::ClientConfig,
                    session: $crate::SessionConfig,
                ) -> ::core::result::Result<Self, $crate::BuildError> {
                    let credentials = $crate::Credentials::from(credentials);
                    let inner =
                        $crate::blocking::Client::with_token_session(&$api, credentials, config, session)?;
                    ::core::result::Result::Ok(Self { inner })
                }
            )?

            /// A blocking client sharing `client`'s connection pool (and token session).
            #[inline]
            pub fn from_async(client: $client) -> ::core::result::Result<Self, $crate::BuildError> {
                let inner = $crate::blocking::Client::from_async(client.inner)?;
                ::core::result::Result::Ok(Self { inner })
            }

            /// The shared runtime client underneath.
            #[inline]
            pub fn runtime(&self) -> &$crate::blocking::Client {
                &self.inner
            }

            $(
                #[doc = ::core::concat!(
                    "Blocking form of [`", ::core::stringify!($client), "::",
                    ::core::stringify!($module), "`]."
                )]
                #[inline]
                pub fn $module(&self) -> $section_blocking<'_> {
                    $section_blocking::new(&self.inner)
                }
            )*
        }
    };
}

/// Declares a `Credentials` struct on its own, for
/// [`api_client!`](crate::api_client)'s `credentials Path;` form: the
/// credentials several APIs of one type library share are declared once in
/// the library. Fields are written as in `api_client!`.
///
/// ```
/// hostapi_runtime::credentials! {
///     /// Credentials for the API.
///     pub struct Credentials {
///         /// The account name.
///         username: String,
///         /// The password.
///         password: Secret,
///     }
/// }
///
/// let credentials = Credentials::new("me", "secret");
/// assert!(!format!("{credentials:?}").contains("secret"));
/// let runtime = hostapi_runtime::Credentials::from(credentials);
/// assert_eq!(runtime.get("username").map(|s| s.expose()), Some("me"));
/// ```
#[macro_export]
macro_rules! credentials {
    (
        $(#[$credentials_meta:meta])*
        pub struct $credentials:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident $(($name:literal))?: $kind:ident,
            )*
        }
    ) => {
        $(#[$credentials_meta])*
        #[derive(Clone, Debug)]
        pub struct $credentials {
            $(
                $(#[$field_meta])*
                pub $field: $crate::__credential!(type $kind),
            )*
        }

        impl $credentials {
            /// Credentials from their parts.
            #[inline]
            pub fn new($($field: $crate::__credential!(arg $kind)),*) -> Self {
                Self { $($field: $field.into()),* }
            }

        }

        impl ::core::convert::From<$credentials> for $crate::Credentials {
            #[inline]
            fn from(credentials: $credentials) -> Self {
                $crate::Credentials::new()
                    $(.with(
                        $crate::__record_wire!($field $($name)?),
                        $crate::__credential!(secret $kind, credentials.$field),
                    ))*
            }
        }

    };
}

/// A credential's field type, constructor argument and runtime value:
/// `String` is sent as given, `Secret` is never shown.
#[doc(hidden)]
#[macro_export]
macro_rules! __credential {
    (type String) => { ::std::string::String };
    (type Secret) => { $crate::Secret };
    (arg String) => { impl ::core::convert::Into<::std::string::String> };
    (arg Secret) => { impl ::core::convert::Into<$crate::Secret> };
    (secret String, $value:expr) => { $crate::Secret::new($value) };
    (secret Secret, $value:expr) => { $value };
}
