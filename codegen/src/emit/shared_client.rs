//! What every API using one type library declares alike about how it is
//! called (its wire, its token session's rules, its credentials), written
//! once in the library's `client` module instead of once per API, as a
//! shared `ApiError` is. Decided from the IR, piece by piece: a piece two
//! users declare differently stays in each API.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Deferred;
use crate::ir::{Api, Library, Session, Wire};

/// The module of a library holding the shared pieces.
pub const MODULE: &str = "client";

/// The pieces every user of one library declares alike.
#[derive(Debug)]
pub struct SharedClient<'a> {
    pub library: &'a str,
    users: Vec<&'a str>,
    /// The wire every user declares, its token session aside.
    wire: Option<&'a Wire>,
    /// The token session every user declares, apart from where its token
    /// method is (each API's own section).
    session: Option<&'a Session>,
    /// The API whose credentials (and title, which their doc names) every
    /// user has.
    credentials: Option<&'a Api>,
}

impl SharedClient<'_> {
    fn is_empty(&self) -> bool {
        self.wire.is_none() && self.session.is_none() && self.credentials.is_none()
    }
}

/// Which library declares each shared piece of one API's client.
#[derive(Clone, Copy, Debug, Default)]
pub struct FromLibrary<'a> {
    pub wire: Option<&'a str>,
    pub session: Option<&'a str>,
    pub credentials: Option<&'a str>,
}

/// What `library`'s users (two or more) declare alike.
pub fn decide<'a>(library: &'a Library, apis: &'a [Api]) -> SharedClient<'a> {
    let users: Vec<&Api> = apis
        .iter()
        .filter(|a| library.used_by.contains(&a.module))
        .collect();
    let mut shared = SharedClient {
        library: &library.module,
        users: users.iter().map(|a| a.module.as_str()).collect(),
        wire: None,
        session: None,
        credentials: None,
    };
    let Some(first) = users.first().filter(|_| users.len() > 1) else {
        return shared;
    };
    // A library type of the same name would clash with the shared item.
    let free = |name: &str| !library.types.iter().any(|t| t.rust_name == name);
    if users.iter().all(|a| same_wire(&a.wire, &first.wire)) {
        shared.wire = Some(&first.wire);
    }
    if let Some(session) = &first.wire.session {
        let same = |a: &&Api| {
            a.wire
                .session
                .as_ref()
                .is_some_and(|s| same_rules(s, session))
        };
        if users.iter().all(same) {
            shared.session = Some(session);
        }
    }
    if free("Credentials")
        && users
            .iter()
            .all(|a| a.credentials == first.credentials && a.title == first.title)
    {
        shared.credentials = Some(first);
    }
    shared
}

/// Whether two wires are the same, their token sessions aside.
fn same_wire(a: &Wire, b: &Wire) -> bool {
    let Wire {
        http_method,
        method_name,
        params,
        basic_auth,
        credential_params,
        auth_schemes,
        response,
        error,
        session: _,
    } = a;
    *http_method == b.http_method
        && *method_name == b.method_name
        && *params == b.params
        && *basic_auth == b.basic_auth
        && *credential_params == b.credential_params
        && *auth_schemes == b.auth_schemes
        && *response == b.response
        && *error == b.error
}

/// Whether two token sessions follow the same rules with a method of the
/// same wire name (named in the session's docs), wherever the method is.
fn same_rules(a: &Session, b: &Session) -> bool {
    let Session {
        section_module: _,
        method_rust_name: _,
        method_wire_name,
        replaces,
        token_field,
        expires_field,
        timeout_param,
        idle_timeout,
        max_idle_timeout,
        max_lifetime,
    } = a;
    *method_wire_name == b.method_wire_name
        && *replaces == b.replaces
        && *token_field == b.token_field
        && *expires_field == b.expires_field
        && *timeout_param == b.timeout_param
        && *idle_timeout == b.idle_timeout
        && *max_idle_timeout == b.max_idle_timeout
        && *max_lifetime == b.max_lifetime
}

/// For `api`, the first library (in `shared`'s order) declaring each piece.
pub fn for_api<'a>(api: &Api, shared: &[SharedClient<'a>]) -> FromLibrary<'a> {
    let mut from = FromLibrary::default();
    for s in shared
        .iter()
        .filter(|s| s.users.contains(&api.module.as_str()))
    {
        from.wire = from.wire.or(s.wire.map(|_| s.library));
        from.session = from.session.or(s.session.map(|_| s.library));
        from.credentials = from.credentials.or(s.credentials.map(|_| s.library));
    }
    from
}

/// The library's `mod.rs` item declaring its `client` module, when it
/// shares anything.
pub fn module_item(shared: &SharedClient, d: &mut Deferred) -> Option<TokenStream> {
    if shared.is_empty() {
        return None;
    }
    let module = format_ident!("{MODULE}");
    let doc = d.outer_doc(
        "How the APIs using this library are called, where they all declare it alike: \
         each API's `mod.rs` refers here.",
    );
    Some(quote! {
        #doc
        pub(crate) mod #module;
    })
}

/// The library's `client.rs`, when it shares anything.
pub fn emit(shared: &SharedClient) -> Option<(TokenStream, Deferred)> {
    if shared.is_empty() {
        return None;
    }
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let users: Vec<String> = shared.users.iter().map(|m| format!("`{m}`")).collect();
    let pieces: Vec<&str> = [
        shared.wire.map(|_| "wire (`WIRE`)"),
        shared
            .session
            .map(|_| "token session rules (`token_session`)"),
        shared.credentials.map(|_| "credentials (`Credentials`)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let header = d.inner_doc(format!(
        "How {} are called, where they declare it alike: their {}, written once here. Each \
         API's `mod.rs` refers to them.",
        and_list(&users),
        and_list(&pieces)
    ));
    let wire = shared.wire.map(|wire| {
        let doc = d.outer_doc(
            "How every call travels: HTTP method, where the method name goes, how parameters \
             are encoded and authenticated, how responses and errors are read.",
        );
        let wire = super::api::wire_value(wire);
        quote! {
            #doc
            pub const WIRE: hostapi_runtime::wire::Wire = #wire;
        }
    });
    let session = shared.session.map(|session| {
        let doc = d.outer_doc(format!(
            "The token session, issued and renewed by `method`: each API's own `{}`.",
            session.method_wire_name
        ));
        let rules = super::api::session_rules(session);
        quote! {
            #doc
            pub const fn token_session(
                method: &'static hostapi_runtime::wire::MethodDescriptor,
            ) -> hostapi_runtime::wire::TokenSession {
                hostapi_runtime::wire::TokenSession { method, #rules }
            }
        }
    });
    let credentials = shared.credentials.map(|api| {
        let text = format!(
            "hostapi_runtime::credentials! {{\n{}}}\n",
            super::api::credentials_struct(api, d)
        );
        d.record(text)
    });
    let tokens = quote! {
        #header
        #wire
        #session
        #credentials
    };
    Some((tokens, deferred))
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}
