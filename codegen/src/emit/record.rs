//! Structs of members: request types, response types and nested objects
//! share one shape, so they are emitted by one function.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Scope, docs, member_doc, member_type, type_tokens};
use crate::ir::{Builtin, Member, TypeRef};

/// Which ways a record travels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Sent: `Serialize`, `new(required…)`, `with_*` setters and `Validate`.
    Out,
    /// Received: `Deserialize` with lenient readers.
    In,
    /// Both, for nested objects.
    Both,
}

impl Direction {
    fn sends(self) -> bool {
        self != Direction::In
    }
    fn receives(self) -> bool {
        self != Direction::Out
    }
}

/// A struct named `name` holding `members`, with the impls `direction`
/// needs. `scope` says where named types are found from the struct. The
/// module must import `hostapi_runtime::validate::{Validate, Violations}`.
pub fn record(
    name: &str,
    doc: &str,
    members: &[Member],
    direction: Direction,
    scope: Scope,
) -> TokenStream {
    let name = format_ident!("{name}");
    let doc = docs::outer(doc);
    let fields = members.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let ty = member_type(m, scope);
        let mut text = member_doc(m);
        if m.series {
            text.push_str(&format!(
                "\n\nCollected from the numbered fields `{}`, `{}`, ….",
                m.wire_name.replace("{n}", "1"),
                m.wire_name.replace("{n}", "2")
            ));
        }
        let doc = docs::outer(&text);
        let attrs = field_attrs(m, direction);
        quote! { #doc #attrs pub #field: #ty, }
    });
    let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
    let mut derives = vec![quote! { Clone }, quote! { Debug }];
    if direction.sends() && required.is_empty() {
        derives.push(quote! { Default });
    }
    if direction.sends() {
        derives.push(quote! { serde::Serialize });
    }
    if direction.receives() {
        derives.push(quote! { serde::Deserialize });
    }
    let builder = if direction.sends() {
        builder(&name, members, &required, direction, scope)
    } else {
        quote! {}
    };
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #builder
    }
}

fn builder(
    name: &proc_macro2::Ident,
    members: &[Member],
    required: &[&Member],
    direction: Direction,
    scope: Scope,
) -> TokenStream {
    let noun = if direction == Direction::Out {
        "A request"
    } else {
        "A value"
    };
    // Secret members take anything that converts, so callers need not wrap.
    let args = required.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let ty = member_type(m, scope);
        if m.secret {
            quote! { #field: impl Into<#ty> }
        } else {
            quote! { #field: #ty }
        }
    });
    let inits = members.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        if m.required && m.secret {
            quote! { #field: #field.into() }
        } else if m.required {
            quote! { #field }
        } else if m.series {
            quote! { #field: Vec::new() }
        } else {
            quote! { #field: None }
        }
    });
    let new_doc = if required.is_empty() {
        format!("{noun} with nothing set; add optional fields with the `with_` methods.")
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|m| format!("`{}`", m.wire_name))
            .collect();
        format!(
            "{noun} with the required {}; add optional ones with the `with_` methods.",
            names.join(", ")
        )
    };
    let new_doc = docs::outer(&new_doc);
    let setters = members
        .iter()
        .filter(|m| !m.required && !m.series)
        .map(|m| {
            let field = format_ident!("{}", m.rust_name);
            let setter = format_ident!("with_{}", m.rust_name.trim_end_matches('_'));
            let ty = type_tokens(&m.ty, m.secret, scope);
            let doc = docs::outer(&format!("Sets `{}`.", m.wire_name));
            if m.secret {
                quote! {
                    #doc
                    pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                        self.#field = Some(value.into());
                        self
                    }
                }
            } else {
                quote! {
                    #doc
                    pub fn #setter(mut self, value: #ty) -> Self {
                        self.#field = Some(value);
                        self
                    }
                }
            }
        });
    let validations = members.iter().map(|m| {
        let field = format_ident!("{}", m.rust_name);
        let wire = &m.wire_name;
        quote! { violations.field(#wire, &self.#field); }
    });
    quote! {
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

fn field_attrs(member: &Member, direction: Direction) -> TokenStream {
    let mut serde_args = Vec::new();
    if member.rust_name != member.wire_name {
        let wire = &member.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if !member.required {
        if direction.sends() && !member.series {
            serde_args.push(quote! { skip_serializing_if = "Option::is_none" });
        }
        if direction.receives() {
            serde_args.push(quote! { default });
        }
    }
    if direction.receives()
        && let Some(with) = lenient_reader(member)
    {
        serde_args.push(quote! { deserialize_with = #with });
    }
    if serde_args.is_empty() {
        quote! {}
    } else {
        quote! { #[serde(#(#serde_args),*)] }
    }
}

/// Builtin received fields read the variants real servers send (numbers as
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
