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
    let variant_defs: Vec<TokenStream> = api
        .errors
        .iter()
        .zip(&variants)
        .map(|(e, variant)| {
            let doc = d.outer_doc(error_doc(e));
            if e.fields.is_empty() {
                quote! { #doc #variant(Box<RawApiError>), }
            } else {
                quote! { #doc #variant(Box<#variant>), }
            }
        })
        .collect();
    let raw_arms = api.errors.iter().zip(&variants).map(|(e, variant)| {
        if e.fields.is_empty() {
            quote! { Self::#variant(raw) => raw, }
        } else {
            quote! { Self::#variant(error) => error.raw(), }
        }
    });
    let arms = api.errors.iter().zip(&variants).map(|(e, variant)| {
        let key = &e.key;
        let value = if e.fields.is_empty() {
            quote! { Self::#variant(Box::new(raw)) }
        } else {
            quote! { Self::#variant(Box::new(#variant::from_raw(raw))) }
        };
        if e.prefix_match {
            quote! { key if key.starts_with(#key) => #value, }
        } else {
            quote! { #key => #value, }
        }
    });
    let from_raw = if api.errors.is_empty() {
        quote! { Self::Other(Box::new(raw)) }
    } else {
        quote! {
            let key = raw.class.clone().unwrap_or_default();
            match key.as_str() {
                #(#arms)*
                _ => Self::Other(Box::new(raw)),
            }
        }
    };
    let retryable: Vec<_> = api
        .errors
        .iter()
        .zip(&variants)
        .filter(|(e, _)| e.retryable)
        .map(|(_, v)| v)
        .collect();
    let retryable_body = if retryable.is_empty() {
        quote! { false }
    } else {
        quote! { matches!(self, #( Self::#retryable(_) )|*) }
    };
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
        use hostapi_runtime::error::{ApiErrorType, RawApiError};
        #(#reexports)*

        /// An error the API reported, by its documented class. Errors that
        /// document fields carry a struct with those fields read (each an
        /// `Option`: absent or unreadable is `None`, and the raw error keeps
        /// the value); the others carry the raw error. Every variant keeps
        /// the whole error, see [`ApiError::raw`]. Variants are boxed so that
        /// results stay small.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum ApiError {
            #(#variant_defs)*
            /// An error this spec does not list, kept whole.
            Other(Box<RawApiError>),
        }

        impl ApiError {
            /// The error as received: class, message and every field.
            pub fn raw(&self) -> &RawApiError {
                match self {
                    #(#raw_arms)*
                    Self::Other(raw) => raw,
                }
            }

            /// Whether the spec marks this error retryable (transient: a rate
            /// limit, maintenance). Calls of idempotent methods that fail with
            /// it are repeated under the client's retry policy.
            pub fn is_retryable(&self) -> bool {
                #retryable_body
            }
        }

        impl std::fmt::Display for ApiError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.raw(), f)
            }
        }

        impl std::error::Error for ApiError {}

        impl ApiErrorType for ApiError {
            fn from_raw(raw: RawApiError) -> Self {
                #from_raw
            }

            fn is_retryable(&self) -> bool {
                ApiError::is_retryable(self)
            }
        }

        #(#structs)*
    };
    (tokens, deferred)
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
