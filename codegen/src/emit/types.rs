//! `types.rs`: one validating newtype per named type.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::ir::charclass::CharClass;
use crate::ir::{Api, BooleanEncoding, NamedType, StringFormat, StringRule, TypeKind};

pub fn emit(api: &Api) -> TokenStream {
    let sensitive = super::sensitive_types(api);
    let header = docs::inner(&format!(
        "Validating types of the {} (version {}), one per documented type phrase.\n\n\
         Each type checks its documented rule when built (`new`, `TryFrom`, `FromStr`) \
         and when read from a response.",
        api.title, api.version
    ));
    let items = api
        .types
        .iter()
        .map(|ty| named_type(ty, sensitive.contains(&ty.rust_name)));
    quote! {
        #header
        #[allow(unused_imports)]
        use hostapi_runtime::validate::{rules, Violation};
        #(#items)*
    }
}

fn named_type(ty: &NamedType, sensitive: bool) -> TokenStream {
    let name = format_ident!("{}", ty.rust_name);
    let doc = docs::outer(&type_doc(ty, sensitive));
    match &ty.kind {
        TypeKind::String(rule) => {
            let checks = string_checks(rule);
            let value_name = if checks.is_empty() {
                format_ident!("_value")
            } else {
                format_ident!("value")
            };
            let register = if sensitive {
                quote! { hostapi_runtime::string_newtype!(#name, sensitive); }
            } else {
                quote! { hostapi_runtime::string_newtype!(#name); }
            };
            quote! {
                #doc
                #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                pub struct #name(String);
                #register
                impl hostapi_runtime::newtype::StringConstraint for #name {
                    fn check(#value_name: &str) -> Result<(), Violation> {
                        #(#checks)*
                        Ok(())
                    }
                }
            }
        }
        TypeKind::Integer { min, max } => {
            let mut checks = Vec::new();
            if let Some(min) = min {
                checks.push(quote! { rules::int_min(value, #min)?; });
            }
            if let Some(max) = max {
                checks.push(quote! { rules::int_max(value, #max)?; });
            }
            let value_name = if checks.is_empty() {
                format_ident!("_value")
            } else {
                format_ident!("value")
            };
            quote! {
                #doc
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
                pub struct #name(i64);
                hostapi_runtime::integer_newtype!(#name);
                impl hostapi_runtime::newtype::IntegerConstraint for #name {
                    fn check(#value_name: i64) -> Result<(), Violation> {
                        #(#checks)*
                        Ok(())
                    }
                }
            }
        }
        TypeKind::Float { min } => {
            let checks = min.map(|min| quote! { rules::float_min(value, #min)?; });
            let value_name = if checks.is_none() {
                format_ident!("_value")
            } else {
                format_ident!("value")
            };
            quote! {
                #doc
                #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
                pub struct #name(f64);
                hostapi_runtime::float_newtype!(#name);
                impl hostapi_runtime::newtype::FloatConstraint for #name {
                    fn check(#value_name: f64) -> Result<(), Violation> {
                        #checks
                        Ok(())
                    }
                }
            }
        }
        TypeKind::Boolean(encoding) => {
            let encoding = match encoding {
                BooleanEncoding::ZeroOne => format_ident!("zero_one"),
                BooleanEncoding::TrueFalse => format_ident!("true_false"),
            };
            quote! {
                #doc
                #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
                pub struct #name(bool);
                hostapi_runtime::boolean_newtype!(#name, #encoding);
            }
        }
        TypeKind::UnixTime => quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct #name(i64);
            hostapi_runtime::unix_time_newtype!(#name);
        },
        TypeKind::Map { values: None } => quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #name(serde_json::Map<String, serde_json::Value>);
            hostapi_runtime::map_newtype!(#name);
        },
        TypeKind::Map {
            values: Some(values),
        } => {
            let values = super::type_tokens(values, false, super::Scope::Types);
            quote! {
                #doc
                pub type #name = std::collections::BTreeMap<String, #values>;
            }
        }
        TypeKind::Array { items } => {
            let items = super::type_tokens(items, false, super::Scope::Types);
            quote! {
                #doc
                pub type #name = Vec<#items>;
            }
        }
        TypeKind::Enum {
            values,
            case_insensitive,
        } => {
            let variants: Vec<_> = values
                .iter()
                .map(|v| format_ident!("{}", v.rust_name))
                .collect();
            let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
            let variant_docs = wires.iter().map(|w| docs::outer(&format!("`{w}`")));
            let from_wire = if *case_insensitive {
                quote! {
                    #( if value.eq_ignore_ascii_case(#wires) { return Self::#variants; } )*
                    Self::Unknown(value.to_string())
                }
            } else {
                quote! {
                    match value {
                        #( #wires => Self::#variants, )*
                        other => Self::Unknown(other.to_string()),
                    }
                }
            };
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                pub enum #name {
                    #( #variant_docs #variants, )*
                    /// A value this spec does not list, kept as received. Sending it fails validation.
                    Unknown(String),
                }
                hostapi_runtime::enum_newtype!(#name);
                impl hostapi_runtime::newtype::EnumValues for #name {
                    const VALUES: &'static [&'static str] = &[#(#wires),*];
                    fn as_wire(&self) -> &str {
                        match self {
                            #( Self::#variants => #wires, )*
                            Self::Unknown(value) => value,
                        }
                    }
                    fn from_wire(value: &str) -> Self {
                        #from_wire
                    }
                    fn is_known(&self) -> bool {
                        !matches!(self, Self::Unknown(_))
                    }
                }
            }
        }
    }
}

fn type_doc(ty: &NamedType, sensitive: bool) -> String {
    let mut text = ty.doc.clone();
    text.push_str("\n\n");
    let rule = rule_description(&ty.kind);
    if !rule.is_empty() {
        text.push_str("Rule: ");
        text.push_str(&rule);
        text.push('.');
    }
    if let Some(vendor) = &ty.vendor_name {
        text.push_str(&format!("\n\nVendor type: {}.", docs::code(vendor)));
    }
    if let Some(note) = &ty.note {
        text.push_str("\n\n");
        text.push_str(note);
    }
    if sensitive {
        text.push_str("\n\nSensitive: `Debug` hides the value and errors never describe it.");
    }
    text
}

/// The exact rule, in words, for doc comments.
pub fn rule_description(kind: &TypeKind) -> String {
    match kind {
        TypeKind::String(rule) => string_rule_description(rule),
        TypeKind::Integer { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("an integer from {min} to {max}"),
            (Some(min), None) => format!("an integer, {min} or more"),
            (None, Some(max)) => format!("an integer, {max} or less"),
            (None, None) => "any integer".to_string(),
        },
        TypeKind::Float { min } => match min {
            Some(min) => format!("a number, {min} or more"),
            None => "any finite or infinite number".to_string(),
        },
        TypeKind::Boolean(BooleanEncoding::ZeroOne) => {
            "true or false, sent as `1` or `0`".to_string()
        }
        TypeKind::Boolean(BooleanEncoding::TrueFalse) => {
            "true or false, sent as `True` or `False`".to_string()
        }
        TypeKind::Enum {
            values,
            case_insensitive,
        } => {
            let list: Vec<String> = values.iter().map(|v| docs::code(&v.wire)).collect();
            let case = if *case_insensitive { " (any case)" } else { "" };
            format!("one of {}{case}", list.join(", "))
        }
        TypeKind::UnixTime => "whole seconds since 1970-01-01T00:00:00Z, 0 or more".to_string(),
        TypeKind::Map { .. } => "any keys and values".to_string(),
        TypeKind::Array { .. } => "a list".to_string(),
    }
}

fn string_rule_description(rule: &StringRule) -> String {
    let mut parts = Vec::new();
    if !rule.lengths.is_empty() {
        let lengths: Vec<String> = rule.lengths.iter().map(u32::to_string).collect();
        let list = match lengths.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
            [] => String::new(),
        };
        parts.push(format!("exactly {list} characters"));
    }
    match (rule.min_length, rule.max_length) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if let Some(first) = &rule.first_char {
        parts.push(format!("the first character one of {first}"));
    }
    if let Some(chars) = &rule.chars {
        parts.push(format!("only the characters {chars}"));
    }
    if let Some((tab, cr, lf)) = rule.control_chars {
        let allowed: Vec<&str> = [(tab, "tab"), (cr, "CR"), (lf, "LF")]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
        if allowed.is_empty() {
            parts.push("no control characters (no newlines)".to_string());
        } else {
            parts.push(format!(
                "no control characters other than {}",
                allowed.join(", ")
            ));
        }
    }
    match rule.format {
        Some(StringFormat::Base64) => {
            parts.push("letters, digits, `+` and `/`, then zero to two `=`".to_string())
        }
        Some(StringFormat::HttpUri) => {
            parts.push("an absolute `http://` or `https://` URI with a host".to_string())
        }
        None => {}
    }
    if parts.is_empty() {
        "any text".to_string()
    } else {
        parts.join("; ")
    }
}

/// The specialised checks of a string rule, cheapest first.
fn string_checks(rule: &StringRule) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    if !rule.lengths.is_empty() {
        let lengths = rule
            .lengths
            .iter()
            .map(|&l| Literal::usize_unsuffixed(l as usize));
        checks.push(quote! { rules::length_in(value, &[#(#lengths),*])?; });
    }
    if let Some(min) = rule.min_length {
        let min = Literal::usize_unsuffixed(min as usize);
        checks.push(quote! { rules::min_length(value, #min)?; });
    }
    if let Some(max) = rule.max_length {
        let max = Literal::usize_unsuffixed(max as usize);
        checks.push(quote! { rules::max_length(value, #max)?; });
    }
    if let Some((tab, cr, lf)) = rule.control_chars {
        checks.push(quote! { rules::control_chars(value, #tab, #cr, #lf)?; });
    }
    if let Some(first) = &rule.first_char {
        let pattern = char_pattern(first);
        let described = first.describe();
        checks.push(quote! { rules::first_char(value, |c| matches!(c, #pattern), #described)?; });
    }
    if let Some(chars) = &rule.chars {
        let pattern = char_pattern(chars);
        let described = chars.describe();
        checks.push(quote! { rules::chars(value, |c| matches!(c, #pattern), #described)?; });
    }
    match rule.format {
        Some(StringFormat::Base64) => checks.push(quote! { rules::base64(value)?; }),
        Some(StringFormat::HttpUri) => checks.push(quote! { rules::http_uri(value)?; }),
        None => {}
    }
    checks
}

/// `'0'..='9' | 'A'..='Z'` for a class.
fn char_pattern(class: &CharClass) -> TokenStream {
    let arms = class.ranges.iter().map(|&(a, b)| {
        let start = Literal::character(a);
        if a == b {
            quote! { #start }
        } else {
            let end = Literal::character(b);
            quote! { #start..=#end }
        }
    });
    quote! { #(#arms)|* }
}
