//! One file per section: request and response types and the section's
//! methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Scope;
use super::docs;
use super::record::{Direction, record};
use crate::ir::{Method, Section};

pub fn emit(section: &Section) -> TokenStream {
    let header = docs::inner(&format!("`{}`: {}", section.name, section.doc));
    let accessor = format_ident!("{}", section.rust_name);
    let accessor_doc = docs::outer(&format!(
        "The methods of `{}`. Get one from the API's `Client::{}`.",
        section.name, section.module
    ));
    let methods = section.methods.iter().map(client_method);
    let blocking_accessor = format_ident!("{}Blocking", section.rust_name);
    let blocking_doc = docs::outer(&format!(
        "The methods of `{}`, blocking the calling thread (feature `blocking`). Get one from \
         the API's `BlockingClient::{}`.",
        section.name, section.module
    ));
    let blocking_methods = section.methods.iter().map(blocking_method);
    let descriptors = section.methods.iter().map(|m| descriptor(section, m));
    let types = section.methods.iter().map(|m| {
        let request = request_type(m);
        let response = response_type(m);
        quote! { #request #response }
    });
    let validate_import = if section.methods.iter().any(|m| !m.params.is_empty()) {
        quote! { use hostapi_runtime::validate::{Validate, Violations}; }
    } else {
        quote! {}
    };
    quote! {
        #header
        #validate_import
        use hostapi_runtime::wire::MethodDescriptor;

        #accessor_doc
        #[derive(Clone, Copy, Debug)]
        pub struct #accessor<'a> {
            client: &'a hostapi_runtime::Client,
        }

        impl<'a> #accessor<'a> {
            pub(crate) fn new(client: &'a hostapi_runtime::Client) -> Self {
                Self { client }
            }
            #(#methods)*
        }

        #blocking_doc
        #[cfg(feature = "blocking")]
        #[derive(Clone, Copy, Debug)]
        pub struct #blocking_accessor<'a> {
            client: &'a hostapi_runtime::blocking::Client,
        }

        #[cfg(feature = "blocking")]
        impl<'a> #blocking_accessor<'a> {
            pub(crate) fn new(client: &'a hostapi_runtime::blocking::Client) -> Self {
                Self { client }
            }
            #(#blocking_methods)*
        }

        #(#descriptors)*
        #(#types)*
    }
}

fn descriptor_name(method: &Method) -> proc_macro2::Ident {
    format_ident!("{}", method.rust_name.trim_end_matches('_').to_uppercase())
}

fn descriptor(section: &Section, method: &Method) -> TokenStream {
    let name = descriptor_name(method);
    let section_name = &section.name;
    let method_name = &method.name;
    let wire_name = &method.wire_name;
    let idempotent = method.idempotent;
    let returns_secrets = method.returns.iter().any(|m| m.secret);
    let series: Vec<&str> = method
        .returns
        .iter()
        .filter(|m| m.series)
        .map(|m| m.wire_name.as_str())
        .collect();
    let doc = docs::outer(&format!("How `{}` is called.", method.wire_name));
    quote! {
        #doc
        pub(crate) static #name: MethodDescriptor = MethodDescriptor {
            section: #section_name,
            name: #method_name,
            wire_name: #wire_name,
            idempotent: #idempotent,
            returns_secrets: #returns_secrets,
            series: &[#(#series),*],
        };
    }
}

fn method_doc(method: &Method) -> String {
    let mut text = if method.doc.trim().is_empty() {
        format!(
            "`{}` (the vendor documents no description).",
            method.wire_name
        )
    } else {
        method.doc.clone()
    };
    for note in &method.notes {
        text.push_str("\n\n");
        text.push_str(note);
    }
    if let Some(url) = &method.url {
        text.push_str(&format!("\n\nVendor documentation: {url}"));
    }
    if !method.errors.is_empty() {
        let errors: Vec<String> = method
            .errors
            .iter()
            .map(|e| format!("`ApiError::{e}`"))
            .collect();
        text.push_str(&format!("\n\nDocumented errors: {}.", errors.join(", ")));
    }
    text
}

fn client_method(method: &Method) -> TokenStream {
    let name = format_ident!("{}", method.rust_name);
    let descriptor = descriptor_name(method);
    let response = format_ident!("{}", method.response_type);
    let doc = docs::outer(&method_doc(method));
    if method.params.is_empty() {
        quote! {
            #doc
            pub async fn #name(&self) -> Result<#response, super::Error> {
                self.client.call(&#descriptor, &serde_json::Map::new()).await
            }
        }
    } else {
        let request = format_ident!("{}", method.request_type);
        quote! {
            #doc
            pub async fn #name(&self, request: &#request) -> Result<#response, super::Error> {
                self.client.call(&#descriptor, request).await
            }
        }
    }
}

/// The blocking twin of [`client_method`]: same signature without `async`,
/// documented by reference to the async method.
fn blocking_method(method: &Method) -> TokenStream {
    let name = format_ident!("{}", method.rust_name);
    let descriptor = descriptor_name(method);
    let response = format_ident!("{}", method.response_type);
    let doc = docs::outer(&format!(
        "`{}`, blocking: see the async method of the same name.",
        method.wire_name
    ));
    if method.params.is_empty() {
        quote! {
            #doc
            pub fn #name(&self) -> Result<#response, super::Error> {
                self.client.call(&#descriptor, &serde_json::Map::new())
            }
        }
    } else {
        let request = format_ident!("{}", method.request_type);
        quote! {
            #doc
            pub fn #name(&self, request: &#request) -> Result<#response, super::Error> {
                self.client.call(&#descriptor, request)
            }
        }
    }
}

fn request_type(method: &Method) -> TokenStream {
    if method.params.is_empty() {
        return quote! {};
    }
    let doc = format!("Parameters of `{}`.", method.wire_name);
    record(
        &method.request_type,
        &doc,
        &method.params,
        Direction::Out,
        Scope::Sibling,
    )
}

fn response_type(method: &Method) -> TokenStream {
    let doc = format!("What `{}` returns.", method.wire_name);
    record(
        &method.response_type,
        &doc,
        &method.returns,
        Direction::In,
        Scope::Sibling,
    )
}
