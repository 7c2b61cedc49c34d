//! `errors.rs`: the API's documented errors as one enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::ir::{Api, ErrorRule};

pub fn emit(api: &Api) -> TokenStream {
    let header = docs::inner(&format!(
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
    let variant_docs = api.errors.iter().map(|e| {
        let mut text = format!(
            "`{}`{}: {}",
            e.key,
            if e.prefix_match { "…" } else { "" },
            e.doc
        );
        if !e.fields.is_empty() {
            let fields: Vec<String> = e
                .fields
                .iter()
                .map(|f| format!("`{}`", f.wire_name))
                .collect();
            text.push_str(&format!("\n\nFields: {}.", fields.join(", ")));
        }
        docs::outer(&text)
    });
    let arms = api.errors.iter().zip(&variants).map(|(e, variant)| {
        let key = &e.key;
        if e.prefix_match {
            quote! { key if key.starts_with(#key) => Self::#variant(raw), }
        } else {
            quote! { #key => Self::#variant(raw), }
        }
    });
    let from_raw = if api.errors.is_empty() {
        quote! { Self::Other(raw) }
    } else {
        quote! {
            let key = raw.class.clone().unwrap_or_default();
            match key.as_str() {
                #(#arms)*
                _ => Self::Other(raw),
            }
        }
    };
    quote! {
        #header
        use hostapi_runtime::error::{ApiErrorType, RawApiError};

        /// An error the API reported, by its documented class. Every variant
        /// keeps the whole error, fields included.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum ApiError {
            #( #variant_docs #variants(RawApiError), )*
            /// An error this spec does not list, kept whole.
            Other(RawApiError),
        }

        impl ApiError {
            /// The error as received: class, message and every field.
            pub fn raw(&self) -> &RawApiError {
                match self {
                    #( Self::#variants(raw) | )* Self::Other(raw) => raw,
                }
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
        }
    }
}
