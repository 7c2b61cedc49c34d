//! One validating newtype per named type: an API's `types.rs` (and
//! `types/<section>.rs`), and the module of a shared type library.

mod composite;
mod newtype;
mod reach;
mod rules;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::HashMap;

use super::docs;
use super::layout::{Deferred, Doc};
use super::record::Ways;
use crate::ir::{Api, Library, NamedType, TypeKind, TypeRef};

pub use rules::rule_description;

/// One file of the `types` module: its path under the API directory, its
/// tokens and its docs and object records to put in place.
pub struct TypesFile {
    pub path: String,
    pub tokens: TokenStream,
    pub deferred: Deferred,
}

/// `types.rs`, and `types/<section>.rs` for the types only one section
/// reaches (the importer's nested structures, mostly): each section's
/// private types compile, and recompile after an edit, with a module of
/// their own. `types.rs` re-exports them, so every type is
/// `types::Name` wherever it lives. A section with an earlier section's
/// methods (`twin_section`) reaches its types as that section.
pub fn emit<'a>(api: &'a Api, twin_section: &dyn Fn(&str) -> Option<&'a str>) -> Vec<TypesFile> {
    let index = reach::Index::new(api);
    let ways = index.ways();
    let owners = index.owners(twin_section);
    let item = |ty: &NamedType, d: &mut Deferred| {
        let way = ways.get(&ty.rust_name).copied().unwrap_or(Ways::BOTH);
        type_item(ty, way, d)
    };
    let mut private: HashMap<&str, Vec<&NamedType>> = HashMap::new();
    for ty in &api.types {
        if let Some(module) = owners.get(&ty.rust_name) {
            private.entry(module.as_str()).or_default().push(ty);
        }
    }
    let mut files = Vec::new();
    let mut submodules = Vec::new();
    for section in &api.sections {
        let Some(private) = private.get(section.module.as_str()) else {
            continue;
        };
        let mut deferred = Deferred::default();
        let d = &mut deferred;
        let items: Vec<TokenStream> = private.iter().map(|t| item(t, d)).collect();
        let header = d.inner_doc(format!(
            "Types only `{}` uses; `types` re-exports them.",
            section.name
        ));
        // Types outside this file are named through the parent's glob, so
        // it is imported only when one is.
        let outside = private.iter().any(|t| {
            index.children(&t.rust_name).iter().any(|r| match r {
                TypeRef::Named(name) => !private.iter().any(|p| &p.rust_name == name),
                TypeRef::Builtin(_) => false,
            })
        });
        let import = outside.then(|| quote! { use super::*; });
        let rules = rules_import(d);
        let tokens = quote! {
            #header
            #import
            #rules
            #(#items)*
        };
        files.push(TypesFile {
            path: format!("types/{}.rs", section.module),
            tokens,
            deferred,
        });
        submodules.push(format_ident!("{}", section.module));
    }
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .filter(|t| !owners.contains_key(&t.rust_name))
        .map(|t| item(t, d))
        .collect();
    let header = d.inner_doc(format!(
        "Validating types of the {} (version {}), one per documented type phrase.\n\n\
         Each type checks its documented rule when built (`new`, `TryFrom`, `FromStr`) \
         and when read from a response.",
        api.title, api.version
    ));
    let reexports: Vec<TokenStream> = api
        .libraries
        .iter()
        .map(|module| {
            let module = format_ident!("{module}");
            let doc = d.outer_doc(format!(
                "The shared types of `{module}`, so they are named here like this API's own."
            ));
            quote! {
                #doc
                pub use super::super::#module::*;
            }
        })
        .collect();
    let rules = rules_import(d);
    let tokens = quote! {
        #header
        #(#reexports)*
        #rules
        #( mod #submodules; )*
        #( pub use #submodules::*; )*
        #(#items)*
    };
    files.insert(
        0,
        TypesFile {
            path: "types.rs".to_string(),
            tokens,
            deferred,
        },
    );
    files
}

/// Which ways each of `api`'s own objects travels.
pub fn object_ways(api: &Api) -> HashMap<String, Ways> {
    reach::Index::new(api).ways()
}

/// The module of a type library, shared by every API that uses it; its
/// docs and object records to put in place.
pub fn emit_library(
    library: &Library,
    client: &super::shared_client::SharedClient,
    records: &[super::library_records::LibraryRecord],
    ways: &HashMap<String, Ways>,
) -> (TokenStream, Deferred) {
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let users: Vec<String> = library.used_by.iter().map(|m| format!("`{m}`")).collect();
    let header = d.inner_doc(format!(
        "Validating types shared by {} (from the type library `{}`): one per documented \
         type phrase, and the nested structures those APIs declare alike. Each API's \
         `types` module re-exports them, so a value made for one works with the others.\n\n\
         Each type checks its documented rule when built (`new`, `TryFrom`, `FromStr`) \
         and when read from a response.",
        users.join(", "),
        library.module
    ));
    let items: Vec<TokenStream> = library
        .types
        .iter()
        .map(|ty| {
            let way = ways.get(&ty.rust_name).copied().unwrap_or(Ways::BOTH);
            type_item(ty, way, d)
        })
        .collect();
    // Crate-visible only: each API's `errors` re-exports these structs, so
    // they are named (and documented) there, not under the library too.
    let errors = (!library.errors.is_empty()).then(|| {
        let doc = d.outer_doc("The structs of the library's documented errors.");
        quote! {
            #doc
            pub(crate) mod errors;
        }
    });
    let client = super::shared_client::module_item(client, d);
    let shared = super::library_records::module_item(records, d);
    let rules = rules_import(d);
    let tokens = quote! {
        #header
        #errors
        #client
        #shared
        #rules
        #(#items)*
    };
    (tokens, deferred)
}

/// The import of the rules the types' checks call, when one does.
fn rules_import(d: &Deferred) -> Option<TokenStream> {
    d.records_mention("rules::")
        .then(|| quote! { use hostapi_runtime::validate::rules; })
}

/// A named type's item: a record placeholder for an object travelling
/// `way`, a newtype, enum or alias otherwise.
fn type_item(ty: &NamedType, way: Ways, d: &mut Deferred) -> TokenStream {
    match &ty.kind {
        TypeKind::Object { fields } => {
            let text = super::record::record(
                d,
                &ty.rust_name,
                type_doc(ty, ty.secret),
                fields,
                way,
                super::Scope::Types,
            );
            d.record(text)
        }
        _ => named_type(ty, ty.secret, d),
    }
}

/// A newtype, union or enumeration as one runtime macro invocation; a
/// list or a map of a named type as an alias.
fn named_type(ty: &NamedType, sensitive: bool, d: &mut Deferred) -> TokenStream {
    let name = format_ident!("{}", ty.rust_name);
    let alias_of = match &ty.kind {
        TypeKind::Map {
            values: Some(values),
        } => {
            let values = super::type_tokens(values, false, super::Scope::Types);
            quote! { std::collections::BTreeMap<String, #values> }
        }
        TypeKind::Array { items } => {
            let items = super::type_tokens(items, false, super::Scope::Types);
            quote! { Vec<#items> }
        }
        TypeKind::Union { members } => {
            let text = composite::union(&ty.rust_name, type_doc(ty, sensitive), members, d);
            return d.record(text);
        }
        TypeKind::Enum {
            values,
            case_insensitive,
        } => {
            let doc = type_doc(ty, sensitive);
            let text = composite::enumeration(&ty.rust_name, doc, values, *case_insensitive, d);
            return d.record(text);
        }
        _ => {
            return match newtype::defined_type(ty, sensitive, d) {
                Some(text) => d.record(text),
                // Objects are records, emitted by `type_item`.
                None => quote! {},
            };
        }
    };
    let doc = d.outer_doc(type_doc(ty, sensitive));
    quote! {
        #doc
        pub type #name = #alias_of;
    }
}

/// The vendor's phrase, the rule and the vendor's name (a list when both
/// are known), and the note, each a paragraph of its own (a fence one
/// leaves open closes with it).
fn type_doc(ty: &NamedType, sensitive: bool) -> Doc {
    let mut doc = Doc::from(ty.doc.as_str());
    let rule = rule_description(&ty.kind);
    // A list's or an object's rule is what its definition shows anyway.
    let mut facts = Vec::new();
    if !rule.is_empty() && !matches!(ty.kind, TypeKind::Array { .. } | TypeKind::Object { .. }) {
        facts.push(format!("Rule: {rule}."));
    }
    if let Some(vendor) = &ty.vendor_name {
        facts.push(format!("Vendor type: {}.", docs::code(vendor)));
    }
    // Both together read as a short list, one paragraph.
    match facts.as_slice() {
        [one] => doc.push(one.as_str()),
        [_, _] => doc.push(format!("- {}", facts.join("\n- "))),
        _ => {}
    }
    if let Some(note) = &ty.note {
        doc.push(note.as_str());
    }
    if sensitive {
        doc.push("Sensitive: `Debug` hides the value and errors never describe it.");
    }
    doc
}
