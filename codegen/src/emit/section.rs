//! One file per section: its methods, one `hostapi_runtime::section!`
//! invocation, then its request and response types.
//!
//! The runtime macro writes the async and blocking structs and the method
//! descriptors, so each method is named here once. prettyplease does not
//! lay out macro bodies, so the invocation is written as text, like
//! records.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Deferred;
use super::record::{Ways, group_record, record, request};
use super::{AliasTarget, RecordAliases, Scope, type_text};
use crate::ir::{Method, MethodBinding, Paging, PagingStyle, ParamPlace, Section, Wire};

/// The section's file, with its docs and records to put in place (see
/// [`Deferred::fill`]).
pub fn emit(
    section: &Section,
    sections: &[Section],
    wire: &Wire,
    aliases: &RecordAliases,
) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let header = d.inner_doc(format!("`{}`: {}", section.name, section.doc));
    // A twin's methods point at the section they are the twins of.
    let original = aliases
        .twin_section(&section.module)
        .and_then(|module| sections.iter().find(|s| s.module == module));
    let methods = methods(section, original, wire, d);
    let methods = d.record(methods);
    // Aliases first, then the records, so the records follow one another
    // and share one `record!` (see `Deferred::fill`).
    let (mut alias_items, mut records) = (Vec::new(), Vec::new());
    for method in &section.methods {
        let mut items = group_types(section, method, aliases, d);
        items.push(request_type(section, method, aliases, d));
        items.push(response_type(section, method, aliases, d));
        for item in items {
            match item {
                Item::Alias(tokens) => alias_items.push(tokens),
                Item::Record(tokens) => records.push(tokens),
            }
        }
    }
    let tokens = quote! {
        #header
        #methods
        #(#alias_items)*
        #(#records)*
    };
    (tokens, deferred)
}

/// The `section!` invocation: the two structs, then each method once.
fn methods(section: &Section, original: Option<&Section>, wire: &Wire, d: &mut Deferred) -> String {
    // The two structs' docs, and the paging helpers', come from the macro.
    let mut out = String::from("hostapi_runtime::section! {\n");
    let _ = writeln!(
        out,
        "    pub struct {}, {}Blocking;",
        section.rust_name, section.rust_name
    );
    let _ = writeln!(
        out,
        "    section {} errors super::ApiError;\n",
        literal(&section.name)
    );
    for (index, method) in section.methods.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let same = original.and_then(|o| {
            o.methods
                .iter()
                .find(|m| m.name == method.name && m.doc == method.doc && m.notes == method.notes)
                .map(|m| (o, m))
        });
        let doc = match same {
            Some((o, m)) => super::docs::twin_method_doc(wire, method, o, m),
            None => super::docs::method_doc(wire, method),
        };
        d.outer_doc_line(&mut out, "    ", doc);
        let request = if !method.has_request() {
            ""
        } else {
            &method.request_type
        };
        let _ = write!(
            out,
            "    fn {}({request}) -> {} = {} {}{}",
            method.rust_name,
            method.response_type,
            crate::naming::constant(&method.rust_name),
            literal(&method.name),
            descriptor_fields(section, method),
        );
        match &method.paging {
            Some(paging) if method.has_request() => {
                out.push_str(",\n");
                let _ = writeln!(
                    out,
                    "        pages {} -> {} = {};",
                    paging.rust_name,
                    type_text(&paging.item_type, false, Scope::Sibling),
                    paging_value(paging),
                );
            }
            _ => out.push_str(";\n"),
        }
    }
    out.push_str("}\n");
    out
}

/// A method's paging as `section!` takes it: page numbers as a tuple
/// `(page, items, page_total)`, the other styles as their wire names in
/// braces, the first key naming the style.
fn paging_value(paging: &Paging) -> String {
    let items = literal(&paging.items);
    match &paging.style {
        PagingStyle::Page { page, page_total } => {
            format!("({}, {items}, {})", literal(page), literal(page_total))
        }
        PagingStyle::Offset {
            offset,
            limit,
            page_size,
            total,
        } => {
            let mut out = format!("{{ offset: {}", literal(offset));
            if let Some(limit) = limit {
                let _ = write!(out, ", limit: {}", literal(limit));
            }
            if let Some(size) = page_size {
                let _ = write!(out, ", page_size: {size}");
            }
            if let Some(total) = total {
                let _ = write!(out, ", total: {}", literal(total));
            }
            format!("{out}, items: {items} }}")
        }
        PagingStyle::Cursor { cursor, next } => format!(
            "{{ cursor: {}, next: {}, items: {items} }}",
            literal(cursor),
            literal(next)
        ),
        PagingStyle::Link { link } => format!("{{ link: {}, items: {items} }}", literal(link)),
    }
}

/// The descriptor fields that differ from `section!`'s defaults (a
/// `{section}/{name}` wire name, not idempotent, no secret returned, no
/// series), in braces; nothing when none does.
fn descriptor_fields(section: &Section, method: &Method) -> String {
    let mut fields = Vec::new();
    if method.wire_name != format!("{}/{}", section.name, method.name) {
        fields.push(format!("wire_name: {}", literal(&method.wire_name)));
    }
    if method.idempotent {
        fields.push("idempotent: true".to_string());
    }
    if method.returns_secrets {
        fields.push("returns_secrets: true".to_string());
    }
    let series: Vec<String> = method
        .returns
        .iter()
        .filter(|m| m.series)
        .map(|m| literal(&m.wire_name))
        .collect();
    if !series.is_empty() {
        fields.push(format!("series: &[{}]", series.join(", ")));
    }
    if let Some(binding) = &method.binding {
        fields.push(binding_value(binding));
    }
    let headers: Vec<String> = method
        .response_headers
        .iter()
        .map(|(header, field)| {
            format!(
                "hostapi_runtime::wire::ResponseHeader {{ header: {}, field: {} }}",
                literal(header),
                literal(field)
            )
        })
        .collect();
    if !headers.is_empty() {
        fields.push(format!("headers: &[{}]", headers.join(", ")));
    }
    if let Some(field) = &method.text_body {
        fields.push(format!("text_body: Some({})", literal(field)));
    }
    if fields.is_empty() {
        String::new()
    } else {
        format!(" {{ {} }}", fields.join(", "))
    }
}

/// The `binding` field: a static `MethodBinding`, one parameter a line.
fn binding_value(binding: &MethodBinding) -> String {
    const RT: &str = "hostapi_runtime::binding";
    let http_method = match binding.http_method {
        Some(method) => format!("Some(hostapi_runtime::wire::HttpMethod::{method:?})"),
        None => "None".to_string(),
    };
    let path = match &binding.path {
        Some(path) => format!("Some({})", literal(path)),
        None => "None".to_string(),
    };
    let mut params = String::new();
    for param in &binding.params {
        let place = match &param.place {
            ParamPlace::Path => format!("{RT}::ParamPlace::Path"),
            ParamPlace::Query => format!("{RT}::ParamPlace::Query"),
            ParamPlace::Header { name, sensitive } => format!(
                "{RT}::ParamPlace::Header {{ name: {}, sensitive: {sensitive} }}",
                literal(name)
            ),
            ParamPlace::Form => format!("{RT}::ParamPlace::Form"),
            ParamPlace::Json => format!("{RT}::ParamPlace::Json"),
            ParamPlace::Body => format!("{RT}::ParamPlace::Body"),
        };
        let _ = write!(
            params,
            "\n            {RT}::ParamBinding {{ name: {}, place: {place} }},",
            literal(&param.wire_name)
        );
    }
    format!(
        "binding: Some(&{RT}::MethodBinding {{\n        http_method: {http_method},\n        path: {path},\n        params: &[{params}\n        ],\n    }})"
    )
}

/// A Rust string literal.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// A method's request or response type: an alias (or nothing), or a record.
enum Item {
    Alias(TokenStream),
    Record(TokenStream),
}

/// The record of each of a method's series of groups; in a section with an
/// earlier section's methods, an alias of that section's.
fn group_types(
    section: &Section,
    method: &Method,
    aliases: &RecordAliases,
    d: &mut Deferred,
) -> Vec<Item> {
    let twin_section = aliases.twin_section(&section.module);
    method
        .groups
        .iter()
        .map(|series| match twin_section {
            Some(module) => {
                let target = AliasTarget {
                    module: Some(module.to_string()),
                    library: None,
                    name: series.record.clone(),
                };
                let doc = format!(
                    "One group of `{}` in `{}`.",
                    series.rust_name, method.request_type
                );
                Item::Alias(alias(&series.record, &doc, &target, d))
            }
            None => {
                let text = group_record(d, &method.request_type, series, Scope::Sibling);
                Item::Record(d.record(text))
            }
        })
        .collect()
}

fn request_type(
    section: &Section,
    method: &Method,
    aliases: &RecordAliases,
    d: &mut Deferred,
) -> Item {
    if !method.has_request() {
        return Item::Alias(quote! {});
    }
    let doc = format!("Parameters of `{}`.", method.wire_name);
    if let Some(target) = aliases.request(&section.module, &method.wire_name) {
        return Item::Alias(alias(&method.request_type, &doc, &target, d));
    }
    let text = request(
        d,
        &method.request_type,
        doc,
        &method.params,
        &method.groups,
        Ways::SEND,
        Scope::Sibling,
    );
    Item::Record(d.record(text))
}

fn response_type(
    section: &Section,
    method: &Method,
    aliases: &RecordAliases,
    d: &mut Deferred,
) -> Item {
    let doc = format!("What `{}` returns.", method.wire_name);
    if let Some(map) = &method.returns_map {
        let name = format_ident!("{}", method.response_type);
        let ty = super::type_tokens(map, false, Scope::Sibling);
        let doc = d.outer_doc(format!(
            "{doc} Its keys are not fixed: see the type. Dereferences to the map; `violations()` lists the values that break their documented rule."
        ));
        return Item::Alias(quote! {
            #doc
            pub type #name = hostapi_runtime::record::MapResponse<#ty>;
        });
    }
    if let Some(target) = aliases.response(&section.module, &method.wire_name) {
        return Item::Alias(alias(&method.response_type, &doc, &target, d));
    }
    let text = record(
        d,
        &method.response_type,
        doc,
        &method.returns,
        Ways::RECEIVE,
        Scope::Sibling,
    );
    Item::Record(d.record(text))
}

/// `pub type Name = Twin;` for a record identical to one emitted before.
fn alias(name: &str, doc: &str, target: &AliasTarget, d: &mut Deferred) -> TokenStream {
    let name = format_ident!("{name}");
    let target_name = format_ident!("{}", target.name);
    let (path, shown) = match (&target.library, &target.module) {
        (Some(library), Some(module)) => {
            let library_ident = format_ident!("{library}");
            let module_ident = format_ident!("{module}");
            (
                quote! { super::super::#library_ident::#module_ident::#target_name },
                format!("{library}::{module}::{}", target.name),
            )
        }
        (_, Some(module)) => {
            let module_ident = format_ident!("{module}");
            (
                quote! { super::#module_ident::#target_name },
                format!("{module}::{}", target.name),
            )
        }
        (_, None) => (quote! { #target_name }, target.name.clone()),
    };
    let doc = d.outer_doc(format!(
        "{doc} The same fields as `{shown}`, so the same type."
    ));
    quote! {
        #doc
        pub type #name = #path;
    }
}
