//! Typed, validated clients for hosting and domain provider APIs, generated
//! from the YAML specs in `spec/` (the checked-in `generated/`, or a fresh
//! generation at build time with the `regenerate` feature).
//!
//! Each API is a module behind a cargo feature of the same name (all on by
//! default): [`liquidweb_bleed`], [`liquidweb_v1`], [`enom`] and
//! [`sivehost`]. Every module has a `Client`, its `Credentials`, one method
//! per documented API method (grouped by section), validating `types`, and
//! the documented `errors`. Types shared by several versions of one vendor's
//! API live in a module of their own ([`liquidweb_types`]), re-exported by
//! each version's `types`, so one value works with every version; so do the
//! requests and responses the versions have in common, defined once in its
//! `shared` module and named by each version's sections.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use hostapi::liquidweb_bleed::{Client, Credentials, account_auth::TokenRequest, types::PositiveInt};
//!
//! let client = Client::new(Credentials::new("username", "password"))?;
//! let request = TokenRequest::new().with_timeout(PositiveInt::new(3600)?);
//! let token = client.account_auth().token(&request).await?;
//! println!("token expires at {:?}", token.expires.to_system_time());
//! # Ok(())
//! # }
//! ```

pub use hostapi_runtime as runtime;

#[cfg(feature = "regenerate")]
include!(concat!(env!("OUT_DIR"), "/apis.rs"));
#[cfg(not(feature = "regenerate"))]
include!("apis.rs");

/// The README's Rust examples, compiled as doctests so they cannot drift
/// from the API (`cargo test --doc -p hostapi`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
