//! `errors.rs`: the API's documented errors as one enum, with a struct of
//! typed fields for each error that documents fields.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::{Deferred, Doc};
use super::{Scope, member_doc, type_text};
use crate::ir::{Api, ApiError, Builtin, ErrorRule, Library, TypeRef};

/// `errors.rs`, with its docs to put in place.
pub fn emit(api: &Api) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let header = d.inner_doc(format!(
        "Errors the {} (version {}) documents, recognised by {}.",
        api.title,
        api.version,
        match &api.wire.error {
            ErrorRule::FieldPresent { field, .. } => format!("the presence of `{field}`"),
            ErrorRule::FieldEquals { field, value, .. } => format!("`{field}` being `{value}`"),
            ErrorRule::CountAbove { field, .. } => format!("`{field}` above zero"),
        }
    ));
    let variants: Vec<_> = api
        .errors
        .iter()
        .map(|e| format_ident!("{}", e.rust_name))
        .collect();
    let enum_text = error_enum(api, d);
    let error_enum = d.record(enum_text);
    let structs: Vec<TokenStream> = api
        .errors
        .iter()
        .zip(&variants)
        .filter(|(e, _)| !e.fields.is_empty() && e.shared_in.is_none())
        .map(|(e, _)| error_struct(e, Scope::Sibling, d))
        .collect();
    let mut shared: BTreeMap<&str, Vec<&proc_macro2::Ident>> = BTreeMap::new();
    for (error, variant) in api.errors.iter().zip(&variants) {
        if let Some(library) = &error.shared_in {
            shared.entry(library).or_default().push(variant);
        }
    }
    let reexports = shared.into_iter().map(|(library, names)| {
        let library = format_ident!("{library}");
        let doc = d.outer_doc(format!(
            "The structs of errors `{library}` documents, shared with every API using it."
        ));
        quote! {
            #doc
            pub use super::super::#library::errors::{#(#names),*};
        }
    });
    let tokens = quote! {
        #header
        #(#reexports)*
        #error_enum
        #(#structs)*
    };
    (tokens, deferred)
}

/// The `api_errors!` invocation: each documented error once, with the
/// class that selects it, its struct if it documents fields, and whether
/// it is retryable.
fn error_enum(api: &Api, d: &mut Deferred) -> String {
    if api.errors.is_empty() {
        return "hostapi_runtime::api_errors! {\n    pub enum ApiError {}\n}\n".to_string();
    }
    let mut out = String::from("hostapi_runtime::api_errors! {\n    pub enum ApiError {\n");
    for e in &api.errors {
        d.outer_doc_line(&mut out, "        ", error_doc(e));
        let fields = if e.fields.is_empty() {
            String::new()
        } else {
            format!("({})", e.rust_name)
        };
        let prefix = if e.prefix_match { "prefix " } else { "" };
        let retryable = if e.retryable { " [retryable]" } else { "" };
        let _ = writeln!(
            out,
            "        {}{fields}{retryable} = {prefix}{:?},",
            e.rust_name, e.key
        );
    }
    out.push_str("    }\n}\n");
    out
}

fn error_doc(e: &ApiError) -> Doc {
    let mut doc = Doc::from(format!(
        "`{}`{}: {}",
        e.key,
        if e.prefix_match { "…" } else { "" },
        e.doc
    ));
    if e.retryable {
        doc.push("Retryable: calls of idempotent methods that fail with it are repeated.");
    }
    doc
}

/// A type library's `errors.rs`: the structs of its errors that every API
/// using it shares, each API's `errors` re-exporting them.
pub fn emit_library(library: &Library) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let users: Vec<String> = library.used_by.iter().map(|m| format!("`{m}`")).collect();
    let header = d.inner_doc(format!(
        "Errors the type library `{}` documents, with typed fields: one struct each, \
         shared by {}. Each API's `errors` re-exports them and reads them into its own \
         `ApiError`.",
        library.module,
        users.join(", ")
    ));
    let structs: Vec<TokenStream> = library
        .errors
        .iter()
        .map(|e| error_struct(e, Scope::Child, d))
        .collect();
    let tokens = quote! {
        #header
        #(#structs)*
    };
    (tokens, deferred)
}

/// The `api_error!` declaring one error's struct: each documented field
/// once, its type named from `scope` (an API's `errors`, or a library's,
/// which its APIs call into).
fn error_struct(e: &ApiError, scope: Scope, d: &mut Deferred) -> TokenStream {
    let mut out = String::from("hostapi_runtime::api_error! {\n");
    d.outer_doc_line(&mut out, "    ", error_doc(e));
    let _ = writeln!(out, "    pub struct {} {{", e.rust_name);
    for m in &e.fields {
        d.outer_doc_line(&mut out, "        ", member_doc(m));
        let wire = if m.rust_name == m.wire_name {
            String::new()
        } else {
            format!("({:?})", m.wire_name)
        };
        let read = if m.ty == TypeRef::Builtin(Builtin::ErrorList) {
            "Vec<ApiError> => nested(super::API.wire.error)".to_string()
        } else {
            format!("Option<{}>", type_text(&m.ty, m.secret, scope))
        };
        let _ = writeln!(out, "        {}{wire}: {read},", m.rust_name);
    }
    out.push_str("    }\n}\n");
    d.record(out)
}
