//! One file per section: request and response types and the section's
//! methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, member_doc, member_type};
use crate::ir::{Builtin, Member, Method, Section, TypeRef};

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
    quote! {
        #header
        use hostapi_runtime::validate::{Validate, Violations};
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

fn field_attrs(member: &Member, request: bool) -> TokenStream {
    let mut serde_args = Vec::new();
    if member.rust_name != member.wire_name {
        let wire = &member.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if request {
        if !member.required {
            serde_args.push(quote! { skip_serializing_if = "Option::is_none" });
        }
    } else {
        if !member.required {
            serde_args.push(quote! { default });
        }
        if let Some(with) = lenient_reader(member) {
            serde_args.push(quote! { deserialize_with = #with });
        }
    }
    if serde_args.is_empty() {
        quote! {}
    } else {
        quote! { #[serde(#(#serde_args),*)] }
    }
}

/// Builtin response fields read the variants real servers send (numbers as
/// strings, booleans as 0/1); named types do this themselves.
fn lenient_reader(member: &Member) -> Option<String> {
    if member.series || member.secret {
        return None;
    }
    let TypeRef::Builtin(builtin) = member.ty else {
        return None;
    };
    let base = match builtin {
        Builtin::String => "string",
        Builtin::Integer => "i64",
        Builtin::Float => "f64",
        Builtin::Boolean => "bool",
        Builtin::Json | Builtin::ErrorList => return None,
    };
    let prefix = if member.required { "de_" } else { "de_opt_" };
    Some(format!("hostapi_runtime::wire_value::{prefix}{base}"))
}

fn request_type(method: &Method) -> TokenStream {
    if method.params.is_empty() {
        return quote! {};
    }
    let name = format_ident!("{}", method.request_type);
    let doc = docs::outer(&format!("Parameters of `{}`.", method.wire_name));
    let fields = method.params.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let ty = member_type(m);
        let doc = docs::outer(&member_doc(m));
        let attrs = field_attrs(m, true);
        quote! { #doc #attrs pub #field: #ty, }
    });
    let required: Vec<&Member> = method.params.iter().filter(|m| m.required).collect();
    let args = required.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let ty = member_type(m);
        quote! { #field: #ty }
    });
    let inits = method.params.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        if m.required {
            quote! { #field }
        } else {
            quote! { #field: None }
        }
    });
    let new_doc = if required.is_empty() {
        "A request with no parameters set; add optional ones with the `with_` methods.".to_string()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|m| format!("`{}`", m.wire_name))
            .collect();
        format!(
            "A request with the required {}; add optional ones with the `with_` methods.",
            names.join(", ")
        )
    };
    let setters = method.params.iter().filter(|m| !m.required).map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let setter = format_ident!("with_{}", m.rust_name.trim_end_matches('_'));
        let ty = super::type_tokens(&m.ty, m.secret, super::Scope::Sibling);
        let doc = docs::outer(&format!("Sets `{}`.", m.wire_name));
        quote! {
            #doc
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field = Some(value);
                self
            }
        }
    });
    let validations = method.params.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let wire = &m.wire_name;
        quote! { violations.field(#wire, &self.#field); }
    });
    let new_doc = docs::outer(&new_doc);
    let derive_default = if required.is_empty() {
        quote! { #[derive(Clone, Debug, Default, serde::Serialize)] }
    } else {
        quote! { #[derive(Clone, Debug, serde::Serialize)] }
    };
    quote! {
        #doc
        #derive_default
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #new_doc
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }

        impl Validate for #name {
            fn validate(&self, violations: &mut Violations) {
                #(#validations)*
            }
        }
    }
}

fn response_type(method: &Method) -> TokenStream {
    let name = format_ident!("{}", method.response_type);
    let doc = docs::outer(&format!("What `{}` returns.", method.wire_name));
    let fields = method.returns.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let ty = member_type(m);
        let mut text = member_doc(m);
        if m.series {
            text.push_str(&format!(
                "\n\nCollected from the numbered fields `{}`, `{}`, ….",
                m.wire_name.replace("{n}", "1"),
                m.wire_name.replace("{n}", "2")
            ));
        }
        let doc = docs::outer(&text);
        let attrs = field_attrs(m, false);
        quote! { #doc #attrs pub #field: #ty, }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}
