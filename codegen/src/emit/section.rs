//! One file per section: request and response types and the section's
//! methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Deferred;
use super::record::{Ways, record};
use super::{Scope, Twin, Twins};
use crate::ir::{Method, Paging, Section, Wire};

/// The section's file, with its docs and records to put in place (see
/// [`Deferred::fill`]).
pub fn emit(section: &Section, wire: &Wire, twins: &Twins) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let header = d.inner_doc(format!("`{}`: {}", section.name, section.doc));
    let accessor = format_ident!("{}", section.rust_name);
    let accessor_doc = d.outer_doc(format!(
        "The methods of `{}`. Get one from the API's `Client::{}`.",
        section.name, section.module
    ));
    let methods: Vec<TokenStream> = section
        .methods
        .iter()
        .map(|m| client_method(wire, m, d))
        .collect();
    let blocking_accessor = format_ident!("{}Blocking", section.rust_name);
    let blocking_doc = d.outer_doc(format!(
        "The methods of `{}`, blocking the calling thread (feature `blocking`). Get one from \
         the API's `BlockingClient::{}`.",
        section.name, section.module
    ));
    let blocking_methods: Vec<TokenStream> = section
        .methods
        .iter()
        .map(|m| blocking_method(m, d))
        .collect();
    let descriptors: Vec<TokenStream> = section
        .methods
        .iter()
        .map(|m| descriptor(section, m, d))
        .collect();
    let types: Vec<TokenStream> = section
        .methods
        .iter()
        .map(|m| {
            let request = request_type(section, m, twins, d);
            let response = response_type(section, m, twins, d);
            quote! { #request #response }
        })
        .collect();
    let descriptor_import = if section.methods.iter().all(|m| compact(section, m)) {
        quote! {}
    } else {
        quote! { use hostapi_runtime::wire::MethodDescriptor; }
    };
    let tokens = quote! {
        #header
        #descriptor_import
        #[allow(unused_imports)]
        use super::{ApiError, Error};

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
    };
    (tokens, deferred)
}

fn descriptor_name(method: &Method) -> proc_macro2::Ident {
    format_ident!("{}", crate::naming::constant(&method.rust_name))
}

fn descriptor(section: &Section, method: &Method, d: &mut Deferred) -> TokenStream {
    let name = descriptor_name(method);
    let section_name = &section.name;
    let method_name = &method.name;
    let wire_name = &method.wire_name;
    let idempotent = method.idempotent;
    let returns_secrets = method.returns_secrets;
    let series: Vec<&str> = method
        .returns
        .iter()
        .filter(|m| m.series)
        .map(|m| m.wire_name.as_str())
        .collect();
    if compact(section, method) {
        return quote! { hostapi_runtime::method!(#name, #section_name, #method_name); };
    }
    let doc = d.outer_doc(format!("How `{}` is called.", method.wire_name));
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

/// Whether `method!` declares the descriptor: a path-style name, not
/// idempotent, no series, no secret returned.
fn compact(section: &Section, method: &Method) -> bool {
    method.wire_name == format!("{}/{}", section.name, method.name)
        && !method.idempotent
        && !method.returns_secrets
        && method.returns.iter().all(|m| !m.series)
}

fn client_method(wire: &Wire, method: &Method, d: &mut Deferred) -> TokenStream {
    let name = format_ident!("{}", method.rust_name);
    let descriptor = descriptor_name(method);
    let response = format_ident!("{}", method.response_type);
    let doc = d.outer_doc(super::docs::method_doc(wire, method));
    let pages = method.paging.as_ref().map(|paging| {
        let doc = d.outer_doc(format!(
            "Every item of `{}`, page after page, as a `Stream`: page `n + 1` \
             is fetched once page `n` is used up, starting at the request's `{}` (or 1) \
             and ending after `{}` pages or an empty page. The stream ends after \
             yielding an error. Take items with `.next().await`.",
            method.rust_name, paging.page, paging.page_total
        ));
        let (signature, paging) = pages_parts(method, paging, quote! { hostapi_runtime::Pages });
        quote! {
            #doc
            #signature {
                #paging
                hostapi_runtime::Pages::new(self.client, &#descriptor, paging, request)
            }
        }
    });
    if method.params.is_empty() {
        quote! {
            #doc
            pub async fn #name(&self) -> Result<#response, Error> {
                self.client.call(&#descriptor, &serde_json::Map::new()).await
            }
        }
    } else {
        let request = format_ident!("{}", method.request_type);
        quote! {
            #doc
            pub async fn #name(&self, request: &#request) -> Result<#response, Error> {
                self.client.call(&#descriptor, request).await
            }
            #pages
        }
    }
}

/// The `…_all` helper's signature (`pub fn name(&self, request) -> Pages<Item,
/// ApiError>`, with `pages` the async or blocking `Pages` type) and the
/// statement building its `paging`.
fn pages_parts(method: &Method, paging: &Paging, pages: TokenStream) -> (TokenStream, TokenStream) {
    let helper = format_ident!("{}", paging.rust_name);
    let request = format_ident!("{}", method.request_type);
    let item = super::type_tokens(&paging.item_type, false, Scope::Sibling);
    let (page, items, total) = (&paging.page, &paging.items, &paging.page_total);
    let signature = quote! {
        pub fn #helper(&self, request: &#request) -> #pages<#item, ApiError>
    };
    let paging = quote! {
        let paging = hostapi_runtime::Paging::new(#page, #items, #total);
    };
    (signature, paging)
}

/// The blocking twin of [`client_method`]: same signature without `async`,
/// documented by reference to the async method; the `…_all` helper returns
/// an `Iterator`.
fn blocking_method(method: &Method, d: &mut Deferred) -> TokenStream {
    let name = format_ident!("{}", method.rust_name);
    let descriptor = descriptor_name(method);
    let response = format_ident!("{}", method.response_type);
    let doc = d.outer_doc(format!(
        "`{}`, blocking: see the async method of the same name.",
        method.wire_name
    ));
    let pages = method.paging.as_ref().map(|paging| {
        let doc = d.outer_doc(format!(
            "Every item of `{}`, page after page, as an `Iterator`, each page fetched \
             when the one before is used up: see the async method of the same name.",
            method.rust_name
        ));
        let (signature, paging) =
            pages_parts(method, paging, quote! { hostapi_runtime::blocking::Pages });
        quote! {
            #doc
            #signature {
                #paging
                self.client.pages(&#descriptor, paging, request)
            }
        }
    });
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
            #pages
        }
    }
}

fn request_type(
    section: &Section,
    method: &Method,
    twins: &Twins,
    d: &mut Deferred,
) -> TokenStream {
    if method.params.is_empty() {
        return quote! {};
    }
    let doc = format!("Parameters of `{}`.", method.wire_name);
    if let Some(twin) = twins.request(&section.module, &method.wire_name) {
        return alias(&method.request_type, &doc, &twin, d);
    }
    let text = record(
        d,
        &method.request_type,
        doc,
        &method.params,
        Ways::SEND,
        Scope::Sibling,
    );
    d.record(text)
}

fn response_type(
    section: &Section,
    method: &Method,
    twins: &Twins,
    d: &mut Deferred,
) -> TokenStream {
    let doc = format!("What `{}` returns.", method.wire_name);
    if let Some(map) = &method.returns_map {
        let name = format_ident!("{}", method.response_type);
        let ty = super::type_tokens(map, false, Scope::Sibling);
        let doc = d.outer_doc(format!(
            "{doc} Its keys are not fixed: see the type. Dereferences to the map; `violations()` lists the values that break their documented rule."
        ));
        return quote! {
            #doc
            pub type #name = hostapi_runtime::record::MapResponse<#ty>;
        };
    }
    if let Some(twin) = twins.response(&section.module, &method.wire_name) {
        return alias(&method.response_type, &doc, &twin, d);
    }
    let text = record(
        d,
        &method.response_type,
        doc,
        &method.returns,
        Ways::RECEIVE,
        Scope::Sibling,
    );
    d.record(text)
}

/// `pub type Name = Twin;` for a record identical to one emitted before.
fn alias(name: &str, doc: &str, twin: &Twin, d: &mut Deferred) -> TokenStream {
    let name = format_ident!("{name}");
    let twin_name = format_ident!("{}", twin.name);
    let (path, shown) = match &twin.module {
        Some(module) => {
            let module_ident = format_ident!("{module}");
            (
                quote! { super::#module_ident::#twin_name },
                format!("{module}::{}", twin.name),
            )
        }
        None => (quote! { #twin_name }, twin.name.clone()),
    };
    let doc = d.outer_doc(format!(
        "{doc} The same fields as `{shown}`, so the same type."
    ));
    quote! {
        #doc
        pub type #name = #path;
    }
}
