//! `errors.rs`: the API's documented errors as one enum, with a struct of
//! typed fields for each error that documents fields.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::{Deferred, Doc};
use super::{Scope, member_doc, type_text};
use crate::ir::{Api, ApiError, Builtin, ErrorRule, Library, TypeRef};

/// The library whose `errors` module declares `ApiError` for every API
/// using it: when those APIs (two or more) document exactly the same errors
/// from it and read nested errors with the same rule, one enum serves them
/// all instead of an identical copy per API. Returns the API whose errors
/// the library declares.
pub fn shared_enum<'a>(library: &Library, apis: &'a [Api]) -> Option<&'a Api> {
    let users: Vec<&Api> = apis
        .iter()
        .filter(|a| library.used_by.contains(&a.module))
        .collect();
    let first = *users.first()?;
    // Debug text compares the whole error (class, name, doc, fields and
    // their types): equal text declares equal code, wherever it was written.
    let same = |a: &Api| {
        a.errors.len() == first.errors.len()
            && format!("{:?}", a.wire.error) == format!("{:?}", first.wire.error)
            && a.errors
                .iter()
                .zip(&first.errors)
                .all(|(x, y)| format!("{x:?}") == format!("{y:?}"))
    };
    let from_library = |a: &Api| {
        a.errors.iter().all(|e| {
            e.fields.is_empty()
                || e.shared_in.as_deref() == Some(library.module.as_str())
                || nests_in(e, library)
        })
    };
    // The library writes an `errors` module only when it has error structs.
    (users.len() > 1
        && !library.errors.is_empty()
        && users.iter().all(|a| same(a) && from_library(a)))
    .then_some(first)
}

/// Whether `error` reads nested errors and otherwise names only builtin
/// types and `library`'s own, so its struct can live in the library.
fn nests_in(error: &ApiError, library: &Library) -> bool {
    error
        .fields
        .iter()
        .any(|f| f.ty == TypeRef::Builtin(Builtin::ErrorList))
        && error.fields.iter().all(|f| match &f.ty {
            TypeRef::Builtin(_) => true,
            TypeRef::Named(name) => library.types.iter().any(|t| &t.rust_name == name),
        })
}

/// `errors.rs`, with its docs to put in place. `enum_in` names the library
/// that declares this API's `ApiError` (see [`shared_enum`]).
pub fn emit(api: &Api, enum_in: Option<&str>) -> (TokenStream, Deferred) {
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
    let error_enum = match enum_in {
        Some(library) => {
            let library = format_ident!("{library}");
            let doc = d.outer_doc(format!(
                "The errors this API documents: the same as every API using `{library}`, so one type."
            ));
            quote! {
                #doc
                pub use super::super::#library::errors::ApiError;
            }
        }
        None => {
            let enum_text = error_enum(api, d);
            d.record(enum_text)
        }
    };
    let structs: Vec<TokenStream> = api
        .errors
        .iter()
        .filter(|e| !e.fields.is_empty() && e.shared_in.is_none() && enum_in.is_none())
        .map(|e| error_struct(e, Scope::Sibling, "super::API.wire.error", d))
        .collect();
    let mut shared: BTreeMap<&str, Vec<&proc_macro2::Ident>> = BTreeMap::new();
    for (error, variant) in api.errors.iter().zip(&variants) {
        let library = error
            .shared_in
            .as_deref()
            .or(enum_in.filter(|_| !error.fields.is_empty()));
        if let Some(library) = library {
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
/// using it shares, each API's `errors` re-exporting them, and the
/// `ApiError` of `shared_enum`'s API when its users share one.
pub fn emit_library(library: &Library, shared_enum: Option<&Api>) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let users: Vec<String> = library.used_by.iter().map(|m| format!("`{m}`")).collect();
    let header = d.inner_doc(format!(
        "Errors the type library `{}` documents, with typed fields: one struct each, \
         shared by {}. {}",
        library.module,
        users.join(", "),
        if shared_enum.is_some() {
            "They document the same errors, so their `ApiError` is declared here too and each API's `errors` re-exports it."
        } else {
            "Each API's `errors` re-exports them and reads them into its own `ApiError`."
        }
    ));
    // Documented by the macro and the header above: a doc comment on a
    // macro invocation would be lost.
    let error_enum = shared_enum.map(|api| {
        let enum_text = error_enum(api, d);
        d.record(enum_text)
    });
    let mut structs: Vec<TokenStream> = library
        .errors
        .iter()
        .map(|e| error_struct(e, Scope::Child, "", d))
        .collect();
    // Errors holding nested ones join the shared enum's library; they read
    // the nested errors with their users' common rule.
    if let Some(api) = shared_enum {
        let rule = error_rule_text(&api.wire.error);
        structs.extend(
            api.errors
                .iter()
                .filter(|e| nests_in(e, library))
                .map(|e| error_struct(e, Scope::Child, &rule, d)),
        );
    }
    let tokens = quote! {
        #header
        #error_enum
        #(#structs)*
    };
    (tokens, deferred)
}

/// The `api_error!` declaring one error's struct: each documented field
/// once, its type named from `scope` (an API's `errors`, or a library's,
/// which its APIs call into).
fn error_struct(e: &ApiError, scope: Scope, nested_rule: &str, d: &mut Deferred) -> TokenStream {
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
            format!("Vec<ApiError> => nested({nested_rule})")
        } else {
            format!("Option<{}>", type_text(&m.ty, m.secret, scope))
        };
        let _ = writeln!(out, "        {}{wire}: {read},", m.rust_name);
    }
    out.push_str("    }\n}\n");
    d.record(out)
}

/// `rule` as a Rust expression, for structs read outside their API's module.
fn error_rule_text(rule: &ErrorRule) -> String {
    let option = |v: &Option<String>| match v {
        Some(v) => format!("Some({v:?})"),
        None => "None".to_string(),
    };
    match rule {
        ErrorRule::FieldPresent { field, message } => format!(
            "hostapi_runtime::wire::ErrorRule::FieldPresent {{ field: {field:?}, message: {} }}",
            option(message)
        ),
        ErrorRule::FieldEquals {
            field,
            value,
            message,
        } => format!(
            "hostapi_runtime::wire::ErrorRule::FieldEquals {{ field: {field:?}, value: {value:?}, message: {message:?} }}"
        ),
        ErrorRule::CountAbove {
            field,
            message_prefix,
            number_prefix,
            text_prefix,
        } => format!(
            "hostapi_runtime::wire::ErrorRule::CountAbove {{ field: {field:?}, message_prefix: {message_prefix:?}, number_prefix: {}, text_prefix: {} }}",
            option(number_prefix),
            option(text_prefix)
        ),
    }
}
