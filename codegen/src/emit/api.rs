//! `mod.rs` of an API: its documentation, wire declaration, credentials and
//! client.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::{Deferred, Doc};
use crate::ir::{Api, ErrorRule, HttpMethod, MethodName, ParamEncoding, ResponseFormat};

/// `mod.rs`, with its docs to put in place.
pub fn emit(api: &Api, twins: &super::Twins) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let shared = super::shared::module_item(twins, d);
    let header = d.inner_doc(module_doc(api));
    let sections: Vec<_> = api
        .sections
        .iter()
        .map(|s| format_ident!("{}", s.module))
        .collect();
    let accessors: Vec<_> = api
        .sections
        .iter()
        .map(|s| format_ident!("{}", s.rust_name))
        .collect();
    let descriptor = descriptor(api);
    let credentials = credentials(api, d);
    let accessor_docs: Vec<TokenStream> = api
        .sections
        .iter()
        .map(|s| {
            d.outer_doc(format!(
                "The methods of `{}`; the module `{}` says what they are for.",
                s.name, s.module
            ))
        })
        .collect();
    let blocking_accessors: Vec<_> = api
        .sections
        .iter()
        .map(|s| format_ident!("{}Blocking", s.rust_name))
        .collect();
    let blocking_accessor_docs: Vec<TokenStream> = api
        .sections
        .iter()
        .map(|s| {
            d.outer_doc(format!(
                "`{}`, blocking: see `Client::{}`.",
                s.name, s.module
            ))
        })
        .collect();
    let title = format!("A client for the {} (version {}).", api.title, api.version);
    let client_doc = d.outer_doc(format!(
        "{title}\n\nCheap to clone: clones share one connection pool. Calls go to `{}` unless \
         the configuration overrides the base URL.",
        api.base_url
    ));
    let blocking_doc = d.outer_doc(format!(
        "A blocking client for the {} (version {}), for callers without an async runtime \
         (feature `blocking`). The same methods as `Client`, each running to completion on \
         the calling thread.",
        api.title, api.version
    ));
    let (session_ctor, blocking_session_ctor) = session_constructors(api, d);
    let tokens = quote! {
        #header
        pub mod errors;
        pub mod types;
        #shared
        #( pub mod #sections; )*

        pub use errors::ApiError;
        #( pub use #sections::#accessors; )*

        /// What a call can fail with: transport, HTTP status, a documented
        /// API error, an undecodable response, or a request that failed
        /// validation.
        pub type Error = hostapi_runtime::Error<ApiError>;

        #descriptor
        #credentials

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: hostapi_runtime::Client,
        }

        impl Client {
            /// A client with the default configuration.
            pub fn new(credentials: Credentials) -> Result<Self, hostapi_runtime::client::BuildError> {
                Self::with_config(credentials, hostapi_runtime::ClientConfig::default())
            }

            /// A client with `config`: base URL, timeouts, retries, validation, body limit.
            pub fn with_config(
                credentials: Credentials,
                config: hostapi_runtime::ClientConfig,
            ) -> Result<Self, hostapi_runtime::client::BuildError> {
                let inner = hostapi_runtime::Client::new(&API, credentials.into_runtime(), config)?;
                Ok(Self { inner })
            }

            #session_ctor

            /// The shared runtime client underneath.
            pub fn runtime(&self) -> &hostapi_runtime::Client {
                &self.inner
            }

            #(
                #accessor_docs
                pub fn #sections(&self) -> #accessors<'_> {
                    #accessors::new(&self.inner)
                }
            )*
        }

        #(
            #[cfg(feature = "blocking")]
            pub use #sections::#blocking_accessors;
        )*

        #blocking_doc
        #[cfg(feature = "blocking")]
        #[derive(Clone, Debug)]
        pub struct BlockingClient {
            inner: hostapi_runtime::blocking::Client,
        }

        #[cfg(feature = "blocking")]
        impl BlockingClient {
            /// A blocking client with the default configuration.
            pub fn new(credentials: Credentials) -> Result<Self, hostapi_runtime::client::BuildError> {
                Self::with_config(credentials, hostapi_runtime::ClientConfig::default())
            }

            /// A blocking client with `config`: base URL, timeouts, retries, validation, body limit.
            pub fn with_config(
                credentials: Credentials,
                config: hostapi_runtime::ClientConfig,
            ) -> Result<Self, hostapi_runtime::client::BuildError> {
                let inner = hostapi_runtime::blocking::Client::new(&API, credentials.into_runtime(), config)?;
                Ok(Self { inner })
            }

            #blocking_session_ctor

            /// A blocking client sharing `client`'s connection pool (and token session).
            pub fn from_async(client: Client) -> Result<Self, hostapi_runtime::client::BuildError> {
                let inner = hostapi_runtime::blocking::Client::from_async(client.inner)?;
                Ok(Self { inner })
            }

            /// The shared runtime client underneath.
            pub fn runtime(&self) -> &hostapi_runtime::blocking::Client {
                &self.inner
            }

            #(
                #blocking_accessor_docs
                pub fn #sections(&self) -> #blocking_accessors<'_> {
                    #blocking_accessors::new(&self.inner)
                }
            )*
        }
    };
    (tokens, deferred)
}

/// `with_token_session` for the async and the blocking client, when the
/// spec declares a token session.
fn session_constructors(api: &Api, d: &mut Deferred) -> (TokenStream, TokenStream) {
    let Some(session) = &api.wire.session else {
        return (quote! {}, quote! {});
    };
    let text = format!(
        "A client that trades `{replaces}` for a token from `{method}` on first use and \
         authenticates later calls with the token instead. The token is renewed shortly before \
         it would idle out ({idle} s by default, at most {max} s, set by `session`), and fetched \
         again with `{replaces}` once its {hours} h lifetime is over or the server refuses it. \
         Concurrent calls share one token request.",
        replaces = session.replaces,
        method = session.method_wire_name,
        idle = session.idle_timeout,
        max = session.max_idle_timeout,
        hours = session.max_lifetime as f64 / 3600.0,
    );
    let doc = d.outer_doc(text.clone());
    let async_ctor = quote! {
        #doc
        pub fn with_token_session(
            credentials: Credentials,
            config: hostapi_runtime::ClientConfig,
            session: hostapi_runtime::SessionConfig,
        ) -> Result<Self, hostapi_runtime::client::BuildError> {
            let inner = hostapi_runtime::Client::with_token_session(
                &API,
                credentials.into_runtime(),
                config,
                session,
            )?;
            Ok(Self { inner })
        }
    };
    let doc = d.outer_doc(text);
    let blocking_ctor = quote! {
        #doc
        pub fn with_token_session(
            credentials: Credentials,
            config: hostapi_runtime::ClientConfig,
            session: hostapi_runtime::SessionConfig,
        ) -> Result<Self, hostapi_runtime::client::BuildError> {
            let inner = hostapi_runtime::blocking::Client::with_token_session(
                &API,
                credentials.into_runtime(),
                config,
                session,
            )?;
            Ok(Self { inner })
        }
    };
    (async_ctor, blocking_ctor)
}

/// The title, the vendor's description, coverage and the transcription
/// notes, each a paragraph of its own (a fence one leaves open closes with
/// it).
fn module_doc(api: &Api) -> Doc {
    let mut doc = Doc::from(format!("# {} (version {})", api.title, api.version));
    if let Some(vendor) = &api.doc {
        doc.push(vendor.as_str());
    }
    if let Some(url) = &api.docs_url {
        doc.push(format!("Vendor documentation: {url}"));
    }
    let methods = api.method_count();
    let mut text = format!(
        "This module covers {methods} method{} in {} section{}.",
        if methods == 1 { "" } else { "s" },
        api.sections.len(),
        if api.sections.len() == 1 { "" } else { "s" },
    );
    let transcribed: std::collections::HashSet<&str> =
        api.sections.iter().map(|s| s.name.as_str()).collect();
    let missing: Vec<&String> = api
        .documented_sections
        .iter()
        .filter(|d| !transcribed.contains(d.as_str()))
        .collect();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|s| format!("`{s}`")).collect();
        text.push_str(&format!(
            " The vendor also documents these sections, not yet in the spec: {}.",
            list.join(", ")
        ));
    }
    doc.push(text);
    if !api.notes.is_empty() {
        doc.push("## Transcription notes");
        let mut list = String::new();
        for note in &api.notes {
            list.push_str("- ");
            list.extend(
                note.chars()
                    .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
            );
            list.push('\n');
        }
        doc.push(list);
    }
    doc
}

fn descriptor(api: &Api) -> TokenStream {
    let wire = &api.wire;
    let name = &api.module;
    let title = &api.title;
    let base_url = &api.base_url;
    let http_method = match wire.http_method {
        HttpMethod::Get => quote! { hostapi_runtime::wire::HttpMethod::Get },
        HttpMethod::Post => quote! { hostapi_runtime::wire::HttpMethod::Post },
    };
    let method_name = match &wire.method_name {
        MethodName::Path => quote! { hostapi_runtime::wire::MethodName::Path },
        MethodName::Query(p) => quote! { hostapi_runtime::wire::MethodName::Query(#p) },
        MethodName::Form(p) => quote! { hostapi_runtime::wire::MethodName::Form(#p) },
    };
    let params = match &wire.params {
        ParamEncoding::Json { envelope } => {
            let envelope = option_str(envelope.as_deref());
            quote! { hostapi_runtime::wire::ParamEncoding::Json { envelope: #envelope } }
        }
        ParamEncoding::Query => quote! { hostapi_runtime::wire::ParamEncoding::Query },
        ParamEncoding::Form => quote! { hostapi_runtime::wire::ParamEncoding::Form },
    };
    let basic_auth = match &wire.basic_auth {
        Some((username, password)) => quote! {
            Some(hostapi_runtime::wire::BasicAuth { username: #username, password: #password })
        },
        None => quote! { None },
    };
    let credential_params = wire.credential_params.iter().map(|(wire_name, credential)| {
        quote! { hostapi_runtime::wire::CredentialParam { wire_name: #wire_name, credential: #credential } }
    });
    let response = match wire.response {
        ResponseFormat::Json => quote! { hostapi_runtime::wire::ResponseFormat::Json },
        ResponseFormat::KeyValue => quote! { hostapi_runtime::wire::ResponseFormat::KeyValue },
    };
    let error = match &wire.error {
        ErrorRule::FieldPresent { field, message } => {
            let message = option_str(message.as_deref());
            quote! { hostapi_runtime::wire::ErrorRule::FieldPresent { field: #field, message: #message } }
        }
        ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => quote! {
            hostapi_runtime::wire::ErrorRule::FieldEquals { field: #field, value: #value, message: #message }
        },
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => {
            let number_prefix = option_str(number_prefix.as_deref());
            let text_prefix = option_str(text_prefix.as_deref());
            quote! {
                hostapi_runtime::wire::ErrorRule::CountAbove {
                    field: #field,
                    message_prefix: #message_prefix,
                    number_prefix: #number_prefix,
                    text_prefix: #text_prefix,
                }
            }
        }
    };
    let session = match &wire.session {
        Some(s) => {
            let module = format_ident!("{}", s.section_module);
            let method = format_ident!("{}", crate::naming::constant(&s.method_rust_name));
            let credential = &s.replaces;
            let token_field = &s.token_field;
            let expires_field = option_str(s.expires_field.as_deref());
            let timeout_param = option_str(s.timeout_param.as_deref());
            let [idle, max_idle, lifetime] = [s.idle_timeout, s.max_idle_timeout, s.max_lifetime]
                .map(proc_macro2::Literal::u64_unsuffixed);
            quote! {
                Some(hostapi_runtime::wire::TokenSession {
                    method: &#module::#method,
                    credential: #credential,
                    token_field: #token_field,
                    expires_field: #expires_field,
                    timeout_param: #timeout_param,
                    default_idle_secs: #idle,
                    max_idle_secs: #max_idle,
                    max_lifetime_secs: #lifetime,
                })
            }
        }
        None => quote! { None },
    };
    quote! {
        /// How this API's calls travel on the wire, as its spec declares.
        pub static API: hostapi_runtime::wire::ApiDescriptor = hostapi_runtime::wire::ApiDescriptor {
            name: #name,
            title: #title,
            default_base_url: #base_url,
            wire: hostapi_runtime::wire::Wire {
                http_method: #http_method,
                method_name: #method_name,
                params: #params,
                basic_auth: #basic_auth,
                credential_params: &[#(#credential_params),*],
                response: #response,
                error: #error,
            },
            session: #session,
        };
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

fn credentials(api: &Api, d: &mut Deferred) -> TokenStream {
    let fields: Vec<_> = api
        .credentials
        .iter()
        .map(|c| format_ident!("{}", c.rust_name))
        .collect();
    let names: Vec<&str> = api.credentials.iter().map(|c| c.name.as_str()).collect();
    let docs: Vec<TokenStream> = api
        .credentials
        .iter()
        .map(|c| {
            let secret = if c.secret {
                "\n\nSecret: never printed."
            } else {
                ""
            };
            d.outer_doc(format!("{}{secret}", c.doc))
        })
        .collect();
    let types: Vec<TokenStream> = api
        .credentials
        .iter()
        .map(|c| {
            if c.secret {
                quote! { hostapi_runtime::Secret }
            } else {
                quote! { String }
            }
        })
        .collect();
    let args = fields.iter().zip(&api.credentials).map(|(field, c)| {
        if c.secret {
            quote! { #field: impl Into<hostapi_runtime::Secret> }
        } else {
            quote! { #field: impl Into<String> }
        }
    });
    let values = fields.iter().zip(&api.credentials).map(|(field, c)| {
        if c.secret {
            quote! { self.#field }
        } else {
            quote! { hostapi_runtime::Secret::new(self.#field) }
        }
    });
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let doc = d.outer_doc(format!(
        "Credentials for the {}: {}.",
        api.title,
        list.join(", ")
    ));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct Credentials {
            #( #docs pub #fields: #types, )*
        }

        impl Credentials {
            /// Credentials from their parts.
            pub fn new(#(#args),*) -> Self {
                Self { #( #fields: #fields.into() ),* }
            }

            fn into_runtime(self) -> hostapi_runtime::Credentials {
                hostapi_runtime::Credentials::new()
                    #( .with(#names, #values) )*
            }
        }
    }
}
