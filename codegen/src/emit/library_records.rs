//! Records that several APIs of one type library have in common (Liquid
//! Web's `Cloud/Template/details` in bleed takes what `Storm/Template/details`
//! takes in v1): emitted once, in the library's `shared` module, and named
//! by each API's sections under their own methods' names, so one value
//! works with every version and the code exists once.
//!
//! A record is lifted only when every field's type is a builtin or one of
//! the library's types: a type of one API's own file means something only
//! in that API.

use std::borrow::Cow;
use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Deferred;
use super::record::{Ways, record};
use super::{AliasTarget, RecordAliases, Scope, same_member};
use crate::ir::{Api, Builtin, Library, Member, TypeRef};

/// The module's name inside the library's module.
pub const MODULE: &str = "shared";

/// A record of the library's `shared` module.
#[derive(Debug)]
pub struct LibraryRecord {
    pub name: String,
    pub members: Vec<Member>,
    pub ways: Ways,
    /// (API module, method wire name) of each method using it.
    pub users: Vec<(String, String)>,
}

/// A record an API emits itself, before lifting: a section's method record
/// (the first method of its shape) or one of the API's `shared` module.
struct Owned<'a> {
    api: usize,
    members: Cow<'a, [Member]>,
    ways: Ways,
    /// The section's name of the first method using it, for naming.
    section: &'a str,
    /// The name the method gives the record (`StatusResponse`); none for
    /// a record of the API's `shared` module.
    own_name: Option<&'a str>,
    place: Place,
    users: Vec<String>,
}

enum Place {
    /// (section module, method wire name).
    Method(String, String),
    /// The name of a record of the API's `shared` module.
    Shared(String),
}

/// Finds the records `library`'s APIs (`apis`, with their `twins`) have in
/// common, points those APIs' twins at the library's copy, and returns the
/// records for the library's `shared` module.
pub fn lift(
    library: &Library,
    apis: &[&Api],
    aliases: &mut [&mut RecordAliases],
) -> Vec<LibraryRecord> {
    let owned: Vec<Owned> = apis
        .iter()
        .enumerate()
        .flat_map(|(i, api)| owned(i, api, aliases[i]))
        .filter(|o| !o.members.is_empty() && shareable(library, apis[o.api], &o.members))
        .collect();
    // Groups of the same fields travelling the same ways, in first-use order.
    let mut groups: Vec<Vec<&Owned>> = Vec::new();
    for record in &owned {
        let same = |group: &&mut Vec<&Owned>| {
            let first = group[0];
            first.ways == record.ways
                && first.members.len() == record.members.len()
                && first
                    .members
                    .iter()
                    .zip(record.members.iter())
                    .all(same_member)
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.push(record),
            None => groups.push(vec![record]),
        }
    }
    let mut taken = HashSet::new();
    let mut lifted = Vec::new();
    for group in groups {
        let apis_using: HashSet<usize> = group.iter().map(|o| o.api).collect();
        if apis_using.len() < 2 {
            continue;
        }
        let first = group[0];
        // A record an API's `shared` module already named for all its users
        // keeps that name (`NotificationsPageResponse`, not the name of
        // the first method's section), unless another lifted one has it.
        let kept = group.iter().find_map(|o| match &o.place {
            Place::Shared(name) if taken.insert(name.clone()) => Some(name.clone()),
            _ => None,
        });
        let name = kept.unwrap_or_else(|| {
            let own: Option<Vec<&str>> = group.iter().map(|o| o.own_name).collect();
            let own = own.unwrap_or_default();
            super::shared::record_name(&first.members, first.ways, first.section, &own, &mut taken)
        });
        let target = AliasTarget {
            module: Some(MODULE.to_string()),
            library: Some(library.module.clone()),
            name: name.clone(),
        };
        let mut users = Vec::new();
        for record in &group {
            let api = &apis[record.api].module;
            users.extend(record.users.iter().map(|u| (api.clone(), u.clone())));
            aliases[record.api].point(&record.place, record.ways, &target);
        }
        lifted.push(LibraryRecord {
            name,
            members: first.members.to_vec(),
            ways: first.ways,
            users,
        });
    }
    lifted
}

/// The records `api` emits itself, in the order it emits them.
fn owned<'a>(index: usize, api: &'a Api, aliases: &RecordAliases) -> Vec<Owned<'a>> {
    let mut out = Vec::new();
    for section in &api.sections {
        for method in &section.methods {
            let at = || Place::Method(section.module.clone(), method.wire_name.clone());
            let record = |members: &'a [Member], ways, own_name: &'a str, place| Owned {
                api: index,
                members: Cow::Borrowed(members),
                ways,
                section: &section.name,
                own_name: Some(own_name),
                place,
                users: vec![method.wire_name.clone()],
            };
            if aliases
                .request(&section.module, &method.wire_name)
                .is_none()
            {
                out.push(record(
                    &method.params[..],
                    Ways::SEND,
                    &method.request_type,
                    at(),
                ));
            }
            if method.returns_map.is_none()
                && aliases
                    .response(&section.module, &method.wire_name)
                    .is_none()
            {
                out.push(record(
                    &method.returns[..],
                    Ways::RECEIVE,
                    &method.response_type,
                    at(),
                ));
            }
        }
    }
    out.extend(aliases.shared.iter().map(|shared| Owned {
        api: index,
        members: Cow::Owned(shared.members.clone()),
        ways: shared.ways,
        section: "",
        own_name: None,
        place: Place::Shared(shared.name.clone()),
        users: shared.users.clone(),
    }));
    out
}

/// Whether `members` mean the same in every API of `library`: builtins and
/// the library's own types only.
fn shareable(library: &Library, api: &Api, members: &[Member]) -> bool {
    members.iter().all(|m| match &m.ty {
        TypeRef::Builtin(Builtin::ErrorList) => false,
        TypeRef::Builtin(_) => true,
        TypeRef::Named(name) => {
            !api.types.iter().any(|t| &t.rust_name == name)
                && library.types.iter().any(|t| &t.rust_name == name)
        }
    })
}

impl RecordAliases {
    /// Makes the record at `place` (and every method naming it) an alias of
    /// the library's record `target`.
    fn point(&mut self, place: &Place, ways: Ways, target: &AliasTarget) {
        let map = if ways.send {
            &mut self.requests
        } else {
            &mut self.responses
        };
        match place {
            Place::Method(module, wire_name) => {
                map.insert((module.clone(), wire_name.clone()), target.clone());
            }
            Place::Shared(name) => {
                for other in map.values_mut() {
                    if other.library.is_none()
                        && other.module.as_deref() == Some(super::shared::MODULE)
                        && &other.name == name
                    {
                        *other = target.clone();
                    }
                }
                self.shared.retain(|s| &s.name != name || s.ways != ways);
            }
        }
    }
}

/// The library's `shared.rs`, when its APIs have records in common.
pub fn emit(records: &[LibraryRecord]) -> Option<(TokenStream, Deferred)> {
    if records.is_empty() {
        return None;
    }
    let mut deferred = Deferred::default();
    let d = &mut deferred;
    let header = d.inner_doc(
        "Requests and responses that methods of more than one API using this library \
         have in common, each named for its fields. Each API's sections name them under \
         their own methods' names.",
    );
    let items: Vec<TokenStream> = records
        .iter()
        .map(|shared| {
            // Each method once, with the APIs it is in: `Account/Auth/token`
            // (liquidweb_bleed, liquidweb_v1).
            let mut methods: Vec<(&str, Vec<&str>)> = Vec::new();
            for (api, method) in &shared.users {
                match methods.iter_mut().find(|(m, _)| m == method) {
                    Some((_, apis)) => apis.push(api),
                    None => methods.push((method, vec![api])),
                }
            }
            let users: Vec<String> = methods
                .iter()
                .map(|(method, apis)| format!("`{method}` ({})", apis.join(", ")))
                .collect();
            let users = users.join(", ");
            let doc = super::shared::users_doc(shared.ways, &users);
            let text = record(
                d,
                &shared.name,
                doc,
                &shared.members,
                shared.ways,
                Scope::Child,
            );
            d.record(text)
        })
        .collect();
    let tokens = quote! {
        #header
        #(#items)*
    };
    Some((tokens, deferred))
}

/// `pub mod shared;` for the library's `mod.rs`, when it has shared records.
pub fn module_item(records: &[LibraryRecord], d: &mut Deferred) -> TokenStream {
    if records.is_empty() {
        return quote! {};
    }
    let doc = d.outer_doc("Requests and responses several APIs using this library have in common.");
    let module = format_ident!("{MODULE}");
    quote! {
        #doc
        pub mod #module;
    }
}
