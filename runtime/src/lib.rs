//! Run-time support for hostapi's generated API clients.
//!
//! hostapi turns hosting and domain-provider API documentation (Liquid Web,
//! eNom, Sive.Host) into typed Rust clients. The work is split so that the
//! generated code stays small and declarative:
//!
//! * **Generated code** holds the types (requests, responses, constrained
//!   newtypes, error enums) and one static description per API and method
//!   ([`wire::ApiDescriptor`], [`wire::MethodDescriptor`]).
//! * **This crate** holds everything else: the HTTP transport ([`Client`]),
//!   the wire encodings (JSON bodies, query strings and forms; JSON and
//!   eNom's text/HTML/XML key/value responses in [`keyvalue`]), error
//!   recognition and the [`Error`] type, a tolerant reader for real-world
//!   responses that keeps values breaking their documented rule and reports
//!   them ([`decode`], [`wire_value`]), secret handling ([`Secret`]) and
//!   outbound validation ([`Validate`], [`Violations`], [`validate::rules`]).
//!
//! Calls are repeated only where that is safe ([`retry`]), can authenticate
//! with a renewable token instead of a password ([`session`]), are traced
//! with `tracing` spans, and can be made without an async runtime through
//! the `blocking` feature's `blocking::Client`.
//!
//! Secrets never reach `Debug`/`Display` output: credentials are held as
//! [`Secret`]s, transport errors drop the request URL (eNom sends credentials
//! in the query string), and validation messages never quote the value.
//!
//! ```no_run
//! use hostapi_runtime::wire::*;
//! use hostapi_runtime::{Client, ClientConfig, Credentials, RawApiError};
//!
//! static API: ApiDescriptor = ApiDescriptor {
//!     name: "liquidweb_bleed",
//!     title: "Liquid Web API (bleed)",
//!     default_base_url: "https://api.liquidweb.com/bleed",
//!     wire: Wire {
//!         http_method: HttpMethod::Post,
//!         method_name: MethodName::Path,
//!         params: ParamEncoding::Json { envelope: Some("params") },
//!         basic_auth: Some(BasicAuth { username: "username", password: "password" }),
//!         credential_params: &[],
//!         auth_schemes: &[],
//!         response: ResponseFormat::Json,
//!         error: ErrorRule::FieldPresent { field: "error_class", message: Some("full_message") },
//!     },
//!     session: None,
//!     statuses: &[],
//!     servers: &[],
//! };
//! static PING: MethodDescriptor = MethodDescriptor {
//!     section: "Utilities/Info",
//!     name: "ping",
//!     wire_name: "Utilities/Info/ping",
//!     idempotent: true,
//!     returns_secrets: false,
//!     series: &[],
//!     binding: None,
//!     headers: &[],
//!     text_body: None,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let credentials = Credentials::new().with("username", "me").with("password", "secret");
//! let client = Client::new(&API, credentials, ClientConfig::default())?;
//! let pong: serde_json::Value = client.call::<_, _, RawApiError>(&PING, &()).await?;
//! # let _ = pong;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api_error;
pub mod binding;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod client;
pub mod decode;
pub mod error;
mod json_kind;
pub mod keyvalue;
pub mod newtype;
pub mod paging;
pub mod record;
pub mod retry;
pub mod secret;
pub mod section;
pub mod session;
pub mod validate;
pub mod wire;
pub mod wire_value;

pub use client::{BuildError, Client, ClientConfig, Credentials};
pub use decode::ResponseViolation;
pub use error::{
    ApiErrorType, DecodeError, EncodeError, Error, ErrorDetail, RawApiError, RawBody,
    TransportError,
};
pub use paging::{Pages, Paging};
pub use retry::RetryPolicy;
pub use secret::{Secret, Sensitive};
pub use session::SessionConfig;
pub use validate::{
    ConstraintError, FieldViolation, Validate, ValidationError, Violation, Violations,
};
