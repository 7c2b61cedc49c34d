//! Unions ("Either: A or B").

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::layout::Deferred;
use crate::emit::{Scope, type_tokens};
use crate::ir::UnionMember;

/// An enum with one variant per member type. Reading tries the members in
/// order and keeps the first that accepts the value; a tolerant read then
/// falls back to the first that can read it (`decode::union`).
pub fn union(
    name: &Ident,
    doc: &TokenStream,
    members: &[UnionMember],
    d: &mut Deferred,
) -> TokenStream {
    let variants: Vec<Ident> = members
        .iter()
        .map(|m| format_ident!("{}", m.rust_name))
        .collect();
    let types: Vec<TokenStream> = members
        .iter()
        .map(|m| {
            let ty = type_tokens(&m.ty, false, Scope::Types);
            if m.boxed {
                quote! { Box<#ty> }
            } else {
                ty
            }
        })
        .collect();
    let variant_docs: Vec<TokenStream> = members
        .iter()
        .map(|m| d.outer_doc(format!("A value of `{}`.", m.rust_name)))
        .collect();
    let type_name = name.to_string();
    let member_names = members.iter().map(|m| m.rust_name.as_str());
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #( #variant_docs #variants(#types), )*
        }

        #(
            impl From<#types> for #name {
                fn from(value: #types) -> Self {
                    Self::#variants(value)
                }
            }
        )*

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(value) => value.serialize(serializer), )*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let read = hostapi_runtime::decode::union(#type_name, &[#(#member_names),*], &value, |value| {
                    #(
                        if let Some(member) = hostapi_runtime::decode::member(value) {
                            return Some(Self::#variants(member));
                        }
                    )*
                    None
                });
                read.map_err(<D::Error as serde::de::Error>::custom)
            }
        }

        impl hostapi_runtime::validate::Validate for #name {
            fn validate(&self, violations: &mut hostapi_runtime::validate::Violations) {
                match self {
                    #( Self::#variants(value) => value.validate(violations), )*
                }
            }
        }
    }
}
