//! `mod.rs` of an API: its documentation, wire declaration, credentials and
//! client.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::{Deferred, Doc};
use super::shared_client::{self, FromLibrary};
use crate::ir::{
    Api, AuthScheme, ErrorRule, HttpMethod, MethodName, ParamEncoding, ResponseFormat, Session,
    StatusMatch, StatusOutcome, StatusRule, Wire,
};

/// `mod.rs`, with its docs to put in place. `from_library` names the
/// libraries declaring the pieces of the client this API shares.
pub fn emit(
    api: &Api,
    aliases: &super::RecordAliases,
    from_library: FromLibrary,
) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let shared = super::shared::module_item(aliases, d);
    let header = d.inner_doc(module_doc(api));
    let sections: Vec<_> = api
        .sections
        .iter()
        .map(|s| format_ident!("{}", s.module))
        .collect();
    let descriptor = descriptor(api, from_library, d);
    let credentials = from_library.credentials.map(|library| {
        let path = client_path(library);
        let doc = d.outer_doc(format!(
            "The credentials every API using `{library}` takes alike, declared there."
        ));
        quote! {
            #doc
            pub use #path::Credentials;
        }
    });
    let client = client(api, from_library.credentials.is_some(), d);
    let client = d.record(client);
    let tokens = quote! {
        #header
        pub mod errors;
        pub mod types;
        #shared
        #( pub mod #sections; )*

        pub use errors::ApiError;

        /// What a call can fail with: transport, HTTP status, a documented
        /// API error, an undecodable response, or a request that failed
        /// validation.
        pub type Error = hostapi_runtime::Error<ApiError>;

        #descriptor
        #credentials
        #client
    };
    (tokens, deferred)
}

/// The `api_client!` invocation: credentials (or the name of those a
/// library declares), both clients, the token session's constructor if the
/// spec declares one, and one accessor per section.
fn client(api: &Api, shared_credentials: bool, d: &mut Deferred) -> String {
    let mut out = String::from("hostapi_runtime::api_client! {\n    api API;\n");
    if shared_credentials {
        out.push_str("    credentials Credentials;\n");
    } else {
        out.push_str(&credentials_struct(api, d));
    }
    d.outer_doc_line(
        &mut out,
        "    ",
        format!(
            "A client for the {} (version {}).\n\nCheap to clone: clones share one connection \
             pool. Calls go to `{}` unless the configuration overrides the base URL{}.",
            api.title,
            api.version,
            api.base_url,
            other_servers(api)
        ),
    );
    out.push_str("    pub struct Client;\n");
    d.outer_doc_line(
        &mut out,
        "    ",
        format!(
            "A blocking client for the {} (version {}), for callers without an async runtime \
             (feature `blocking`). The same methods as `Client`, each running to completion on \
             the calling thread.",
            api.title, api.version
        ),
    );
    out.push_str("    pub struct BlockingClient;\n");
    if let Some(doc) = session_doc(api) {
        d.outer_doc_line(&mut out, "    ", doc);
        out.push_str("    fn with_token_session;\n");
    }
    out.push_str("    sections {\n");
    // Each accessor's doc comes from the macro, linking the section's module.
    for section in &api.sections {
        let _ = writeln!(
            out,
            "        {}: {}, {}Blocking;",
            section.module, section.rust_name, section.rust_name
        );
    }
    out.push_str("    }\n}\n");
    out
}

/// The `Credentials` struct in `api_client!` or `credentials!`: each
/// credential with its doc, `Secret` when the spec marks it secret.
pub fn credentials_struct(api: &Api, d: &mut Deferred) -> String {
    let mut out = String::new();
    let names: Vec<String> = api
        .credentials
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect();
    d.outer_doc_line(
        &mut out,
        "    ",
        format!("Credentials for the {}: {}.", api.title, names.join(", ")),
    );
    out.push_str("    pub struct Credentials {\n");
    for credential in &api.credentials {
        let mut doc = Doc::from(credential.doc.as_str());
        if credential.secret {
            doc.push("Secret: never printed.");
        }
        d.outer_doc_line(&mut out, "        ", doc);
        let name = if credential.rust_name == credential.name {
            String::new()
        } else {
            format!("({:?})", credential.name)
        };
        let kind = if credential.secret {
            "Secret"
        } else {
            "String"
        };
        let _ = writeln!(out, "        {}{name}: {kind},", credential.rust_name);
    }
    out.push_str("    }\n");
    out
}

/// The path from an API's `mod.rs` to `library`'s shared client pieces.
fn client_path(library: &str) -> TokenStream {
    let library = format_ident!("{library}");
    let module = format_ident!("{}", shared_client::MODULE);
    quote! { super::#library::#module }
}

/// The doc of `with_token_session`, when the spec declares a token session.
fn session_doc(api: &Api) -> Option<String> {
    let session = api.wire.session.as_ref()?;
    Some(format!(
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
    ))
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

/// The `API` static. Its wire and token session come from a library when
/// every API using it declares them alike.
fn descriptor(api: &Api, from_library: FromLibrary, d: &mut Deferred) -> TokenStream {
    let name = &api.module;
    let title = &api.title;
    let base_url = &api.base_url;
    let wire = match from_library.wire {
        Some(library) => {
            let path = client_path(library);
            quote! { #path::WIRE }
        }
        None => wire_value(&api.wire),
    };
    let session = match &api.wire.session {
        Some(s) => {
            let module = format_ident!("{}", s.section_module);
            let method = format_ident!("{}", crate::naming::constant(&s.method_rust_name));
            match from_library.session {
                Some(library) => {
                    let path = client_path(library);
                    quote! { Some(#path::token_session(&#module::#method)) }
                }
                None => {
                    let rules = session_rules(s);
                    quote! {
                        Some(hostapi_runtime::wire::TokenSession { method: &#module::#method, #rules })
                    }
                }
            }
        }
        None => quote! { None },
    };
    let statuses = api.statuses.iter().map(status_rule);
    let servers = api.servers.iter().map(|(name, base_url)| {
        quote! { hostapi_runtime::wire::Server { name: #name, base_url: #base_url } }
    });
    let mut doc = Doc::from("How this API's calls travel on the wire, as its spec declares.");
    let shared: Vec<&str> = [
        from_library.wire.map(|_| "wire (`WIRE`)"),
        from_library
            .session
            .map(|_| "token session rules (`token_session`)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(library) = from_library.wire.or(from_library.session) {
        doc.push(format!(
            "Its {} are those every API using `{library}` declares, written once in \
             `{library}/{}.rs`.",
            shared_client::and_list(&shared),
            shared_client::MODULE
        ));
    }
    let doc = d.outer_doc(doc);
    quote! {
        #doc
        pub static API: hostapi_runtime::wire::ApiDescriptor = hostapi_runtime::wire::ApiDescriptor {
            name: #name,
            title: #title,
            default_base_url: #base_url,
            wire: #wire,
            session: #session,
            statuses: &[#(#statuses),*],
            servers: &[#(#servers),*],
        };
    }
}

/// For the client's doc: the servers a caller may select instead of the
/// default, if the spec names any.
fn other_servers(api: &Api) -> String {
    let others: Vec<String> = api
        .servers
        .iter()
        .skip(1)
        .map(|(name, url)| format!("`{name}` (`{url}`)"))
        .collect();
    if others.is_empty() {
        return String::new();
    }
    format!(
        " or selects another server by name with `ClientConfig::with_server`: {}",
        others.join(", ")
    )
}

/// One `wire.statuses` entry as a `StatusRule` value.
fn status_rule(rule: &StatusRule) -> TokenStream {
    let status = match rule.status {
        StatusMatch::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote! { hostapi_runtime::wire::StatusMatch::Code(#code) }
        }
        StatusMatch::Class(digit) => {
            let digit = proc_macro2::Literal::u8_unsuffixed(digit);
            quote! { hostapi_runtime::wire::StatusMatch::Class(#digit) }
        }
        StatusMatch::Default => quote! { hostapi_runtime::wire::StatusMatch::Default },
    };
    let outcome = match &rule.outcome {
        StatusOutcome::Success => quote! { hostapi_runtime::wire::StatusOutcome::Success },
        StatusOutcome::Error(class) => {
            quote! { hostapi_runtime::wire::StatusOutcome::Error(#class) }
        }
    };
    quote! { hostapi_runtime::wire::StatusRule { status: #status, outcome: #outcome } }
}

/// A `Wire` value: how calls travel, as the spec declares.
pub fn wire_value(wire: &Wire) -> TokenStream {
    let http_method = http_method_value(wire.http_method);
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
    let auth_schemes = wire.auth_schemes.iter().map(|scheme| match scheme {
        AuthScheme::Bearer(credential) => {
            quote! { hostapi_runtime::wire::AuthScheme::Bearer { credential: #credential } }
        }
        AuthScheme::BearerSession => quote! { hostapi_runtime::wire::AuthScheme::BearerSession },
        AuthScheme::ApiKeyHeader { name, credential } => quote! {
            hostapi_runtime::wire::AuthScheme::ApiKeyHeader { name: #name, credential: #credential }
        },
        AuthScheme::ApiKeyQuery { name, credential } => quote! {
            hostapi_runtime::wire::AuthScheme::ApiKeyQuery { name: #name, credential: #credential }
        },
    });
    let response = match wire.response {
        ResponseFormat::Json => quote! { hostapi_runtime::wire::ResponseFormat::Json },
        // Names the runtime feature that reads XML, at compile time.
        ResponseFormat::KeyValue => quote! { hostapi_runtime::key_value_responses!() },
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
    quote! {
        hostapi_runtime::wire::Wire {
            http_method: #http_method,
            method_name: #method_name,
            params: #params,
            basic_auth: #basic_auth,
            credential_params: &[#(#credential_params),*],
            auth_schemes: &[#(#auth_schemes),*],
            response: #response,
            error: #error,
        }
    }
}

/// A runtime `HttpMethod` value.
pub fn http_method_value(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote! { hostapi_runtime::wire::HttpMethod::Get },
        HttpMethod::Post => quote! { hostapi_runtime::wire::HttpMethod::Post },
        HttpMethod::Put => quote! { hostapi_runtime::wire::HttpMethod::Put },
        HttpMethod::Patch => quote! { hostapi_runtime::wire::HttpMethod::Patch },
        HttpMethod::Delete => quote! { hostapi_runtime::wire::HttpMethod::Delete },
    }
}

/// The fields of a `TokenSession` value but its method: the rules the spec
/// declares for tokens.
pub fn session_rules(s: &Session) -> TokenStream {
    let credential = &s.replaces;
    let token_field = &s.token_field;
    let expires_field = option_str(s.expires_field.as_deref());
    let timeout_param = option_str(s.timeout_param.as_deref());
    let [idle, max_idle, lifetime] = [s.idle_timeout, s.max_idle_timeout, s.max_lifetime]
        .map(proc_macro2::Literal::u64_unsuffixed);
    quote! {
        credential: #credential,
        token_field: #token_field,
        expires_field: #expires_field,
        timeout_param: #timeout_param,
        default_idle_secs: #idle,
        max_idle_secs: #max_idle,
        max_lifetime_secs: #lifetime,
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}
